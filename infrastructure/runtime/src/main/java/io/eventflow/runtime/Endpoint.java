package io.eventflow.runtime;

import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.Endpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The AWS endpoints for this run: {@code --endpoint URL} (a running moto/LocalStack/`up`), else
 * AWS_ENDPOINT_URL, else the engine of {@code --emulator} / {@code EVENTFLOW_EMULATOR} started for this process
 * (stopped when it exits). Per-service variables ({@code AWS_ENDPOINT_URL_<SERVICE>}) win over all of these
 * ({@link Endpoints}).
 */
public record Endpoint(Endpoints endpoints, Emulator embedded) implements AutoCloseable {
    public static Endpoint connect(String url, Path stateDir) {
        if (url != null) {
            return new Endpoint(Emulator.external(URI.create(url)).endpoints(), null);
        }
        Emulator e = Emulator.start(stateDir.resolve("emulator"));
        return new Endpoint(e.endpoints(), e.isEmbedded() ? e : null);
    }

    /** The endpoints a running `up` saved ({@link #environment()}), per-service split included. */
    public static Endpoint saved(Map<String, String> environment) {
        return new Endpoint(
                Emulator.external(Endpoints.fromEnvironment(environment)).endpoints(), null);
    }

    /** The default endpoint. */
    public String url() {
        return endpoints.defaultUrl().toString();
    }

    /** The SDK's endpoint variables for these endpoints (saved by `up` for the other verbs). */
    public Map<String, String> environment() {
        return endpoints.environment();
    }

    public String describe() {
        return endpoints.describe() + (embedded != null ? " (embedded " + embedded.engine() + ")" : "");
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
