package io.eventflow.runtime.cli;

import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.ops.StateDir;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --endpoint URL}: the AWS endpoint (moto, LocalStack, an account's). Without it: AWS_ENDPOINT_URL, else
 * the running {@code up} of this checkout (.eventflow/runtime.json). The running {@code up}'s own API URL (what
 * {@code ready} prints) is understood too: it maps to that runtime's emulator endpoint.
 */
public final class EndpointOptions {
    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "the AWS endpoint (default: AWS_ENDPOINT_URL, else the running `up` of this checkout)")
    URI endpoint;

    /** The --endpoint option alone (checked), or null. */
    public String option() {
        if (endpoint == null) {
            return null;
        }
        if (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?") || endpoint.getHost() == null) {
            throw new UserError(
                    ExitCode.USAGE,
                    "--endpoint '" + endpoint + "' is not an http(s) URL: pass one like http://127.0.0.1:5000");
        }
        return stripSlash(endpoint.toString());
    }

    /** The URL given by --endpoint or AWS_ENDPOINT_URL, checked, with the running up's API URL mapped; or empty. */
    public Optional<String> explicit(StateDir state, PrintStream err) {
        String url = endpoint != null ? endpoint.toString() : System.getenv("AWS_ENDPOINT_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new UserError(
                    ExitCode.USAGE,
                    (endpoint != null ? "--endpoint" : "AWS_ENDPOINT_URL") + " '" + url
                            + "' is not an http(s) URL: pass one like http://127.0.0.1:5000");
        }
        Optional<StateDir.Running> up = state.running();
        if (up.isPresent() && up.get().isApi(uri)) {
            err.println("note: " + url + " is the API of the running `up`; using its emulator endpoint "
                    + up.get().endpoint());
            return Optional.of(up.get().endpoint());
        }
        return Optional.of(stripSlash(url.strip()));
    }

    /**
     * An endpoint that already holds the provisioned topology: --endpoint, AWS_ENDPOINT_URL, or the running up
     * (with the per-service endpoints it saved).
     */
    public Endpoint existing(StateDir state, PrintStream err) {
        Optional<String> url = explicit(state, err);
        if (url.isPresent()) {
            return connect(url.get(), state);
        }
        StateDir.Running up = state.running()
                .orElseThrow(() -> UserError.environment(
                        "no running `up` in this checkout: start `./eventflow up` first, or pass --endpoint URL"));
        reachable(up.endpoint());
        return Endpoint.saved(state.runningEndpoints());
    }

    /** An explicit endpoint, checked to answer first. */
    public static Endpoint connect(String url, StateDir state) {
        reachable(url);
        return Endpoint.connect(url, state.root());
    }

    /** Fails fast (1 s) when nothing listens there, instead of the SDK's retries. */
    static void reachable(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), port), 1000);
        } catch (java.io.IOException e) {
            throw UserError.environment("cannot reach " + url + " (" + e.getMessage()
                    + "): is `./eventflow up` (or the emulator)" + " running? Check --endpoint / AWS_ENDPOINT_URL");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
