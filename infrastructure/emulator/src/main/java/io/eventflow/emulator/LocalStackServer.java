package io.eventflow.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * LocalStack ({@code localstack-core}, pinned in {@code requirements-localstack.txt}) on the host, without Docker,
 * for the messaging services only (SQS, SNS, EventBridge, SES, STS): its DynamoDB needs DynamoDB Local, which this
 * project does not use (licence), so tables stay on moto. Started as {@code python -m localstack.runtime.main}
 * (the {@code localstack} CLI wants an account and Docker) by the Python of {@code .venv-localstack}
 * (Python >= 3.13, built by {@code ./eventflow setup}) or {@code EVENTFLOW_LOCALSTACK_PYTHON}; on a free
 * 127.0.0.1 port; stopped with SIGTERM, then SIGKILL (it hung once in six stops when measured).
 */
public final class LocalStackServer implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    public static final String SERVICES = "sqs,sns,events,ses,sts";
    static final String INSTALL_HINT =
            "LocalStack runs from .venv-localstack (Python >= 3.13, requirements-localstack.txt): "
                    + "run `./eventflow setup`, or set EVENTFLOW_LOCALSTACK_PYTHON to a Python that has localstack-core.";

    private final ServerProcess server;

    private LocalStackServer(ServerProcess server) {
        this.server = server;
    }

    public static Path python() {
        return ServerProcess.python("EVENTFLOW_LOCALSTACK_PYTHON", ".venv-localstack/bin/python", INSTALL_HINT);
    }

    public static LocalStackServer start(Path logDir) {
        Path exe = python();
        int port = ServerProcess.freePort();
        String hostPort = "127.0.0.1:" + port;
        try {
            Path data = logDir.resolve("localstack-" + port).toAbsolutePath();
            Files.createDirectories(data);
            Path log = logDir.resolve("localstack-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(exe.toString(), "-m", "localstack.runtime.main"))
                    .directory(data.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment()
                    .putAll(Map.of(
                            "GATEWAY_SERVER", "hypercorn", // the default server binds every interface
                            "GATEWAY_LISTEN", hostPort,
                            "LOCALSTACK_HOST", hostPort,
                            "OVERRIDE_IN_DOCKER", "0", // the machine looks like a container (marker file at /)
                            "FILESYSTEM_ROOT", data.toString(), // else it writes into system folders
                            "SQS_ENDPOINT_STRATEGY", "path", // queue URLs on this host:port that resolve
                            "DNS_ADDRESS", "0", // no DNS server of its own
                            "SKIP_SSL_CERT_DOWNLOAD", "1", // no internet
                            "DISABLE_EVENTS", "1", // no analytics calls
                            "SERVICES", SERVICES));
            // Services load on their first request otherwise: under load that first call outlasted the SDK's socket
            // timeout, and the SDK's retry of a CreateEventBus then met the bus the first attempt had made.
            pb.environment().put("EAGER_SERVICE_LOADING", "1");
            // Credentials of the caller's environment are irrelevant to it; a stray endpoint variable is not.
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL"));
            ServerProcess process =
                    new ServerProcess("LocalStack", pb.start(), URI.create("http://" + hostPort), log, INSTALL_HINT);
            process.awaitReady("/_localstack/health", LocalStackServer::running, START_TIMEOUT, 200);
            warmUp(process.endpoint());
            return new LocalStackServer(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + exe + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** One cheap read per service, each answered once before a test's first call (see {@link #warmUp}). */
    static final List<WarmUp> WARM_UP = List.of(
            new WarmUp("events", "AWSEvents.ListEventBuses", "application/x-amz-json-1.1", "{}"),
            new WarmUp("sqs", "AmazonSQS.ListQueues", "application/x-amz-json-1.0", "{}"),
            new WarmUp("sns", null, "application/x-www-form-urlencoded", "Action=ListTopics&Version=2010-03-31"),
            new WarmUp("ses", null, "application/x-www-form-urlencoded", "Action=ListIdentities&Version=2010-12-01"),
            new WarmUp(
                    "sts", null, "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15"));

    record WarmUp(String service, String target, String contentType, String body) {}

    /**
     * "Running" in the health check is not ready to answer fast: LocalStack's first request builds its request
     * parsing and the service's provider (2.7 s measured at load 6 on 2 cores, the SDK's 4 s attempt timeout under
     * more load). A test's first call then timed out, the SDK's retry of a CreateEventBus met the bus the first
     * attempt had made, and the test failed with ResourceAlreadyExists. So each service answers one read here,
     * bounded by the start timeout instead of the SDK's. Any HTTP answer will do; LocalStack routes by the
     * credential scope of the (unchecked) signature.
     */
    static void warmUp(URI endpoint) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (WarmUp w : WARM_UP) {
            int remaining = (int) Math.max(1_000, (deadline - System.nanoTime()) / 1_000_000);
            try {
                HttpURLConnection c =
                        (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
                c.setConnectTimeout(5_000);
                c.setReadTimeout(remaining);
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", w.contentType());
                if (w.target() != null) {
                    c.setRequestProperty("X-Amz-Target", w.target());
                }
                c.setRequestProperty(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + w.service()
                                + "/aws4_request, SignedHeaders=host, Signature=0");
                try (var out = c.getOutputStream()) {
                    out.write(w.body().getBytes(StandardCharsets.UTF_8));
                }
                c.getResponseCode();
                c.disconnect();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "LocalStack at " + endpoint + " did not answer a first " + w.service() + " request: "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** Every service of {@link #SERVICES} reported "running" by {@code /_localstack/health}. */
    static boolean running(String health) {
        for (String service : SERVICES.split(",")) {
            if (!health.matches("(?s).*\"" + service + "\"\\s*:\\s*\"running\".*")) {
                return false;
            }
        }
        return true;
    }

    /** SIGTERM, then SIGKILL after 10 s (it and anything it started): it hung once in six stops when measured. */
    @Override
    public void close() {
        server.close(Duration.ofSeconds(10));
    }
}
