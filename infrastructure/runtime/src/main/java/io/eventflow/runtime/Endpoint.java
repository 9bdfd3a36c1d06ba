package io.eventflow.runtime;

import io.eventflow.emulator.Emulator;

import java.nio.file.Path;

/**
 * The AWS endpoint for this run: {@code --endpoint URL} (a running moto/LocalStack/`up`), else
 * AWS_ENDPOINT_URL, else an embedded moto server started for this process (stopped when it exits).
 */
public record Endpoint(String url, Emulator embedded) implements AutoCloseable {
    public static Endpoint connect(String url, Path stateDir) {
        if (url != null) {
            defaults();
            System.setProperty("aws.endpointUrl", url);
            return new Endpoint(url, null);
        }
        Emulator e = Emulator.start(stateDir.resolve("moto"));
        defaults();
        String resolved = e.endpoint().toString();
        System.setProperty("aws.endpointUrl", resolved);
        return new Endpoint(resolved, e.isMoto() ? e : null);
    }

    /** Emulators take any credentials: dummy ones only where none are configured. */
    public static void defaults() {
        if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
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
