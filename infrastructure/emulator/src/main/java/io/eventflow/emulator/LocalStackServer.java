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
import java.util.concurrent.TimeUnit;

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
    static final String INSTALL_HINT = "LocalStack runs from .venv-localstack (Python >= 3.13, requirements-localstack.txt): "
            + "run `./eventflow setup`, or set EVENTFLOW_LOCALSTACK_PYTHON to a Python that has localstack-core.";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private LocalStackServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    public static Path python() {
        String configured = System.getenv("EVENTFLOW_LOCALSTACK_PYTHON");
        Path exe = configured != null && !configured.isBlank()
                ? Path.of(configured) : RepoRoot.find().resolve(".venv-localstack/bin/python");
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("no Python at " + exe + ". " + INSTALL_HINT);
        }
        return exe;
    }

    public static LocalStackServer start(Path logDir) {
        Path exe = python();
        int port = MotoServer.freePort();
        String hostPort = "127.0.0.1:" + port;
        try {
            Path data = logDir.resolve("localstack-" + port).toAbsolutePath();
            Files.createDirectories(data);
            Path log = logDir.resolve("localstack-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(exe.toString(), "-m", "localstack.runtime.main"))
                    .directory(data.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of(
                    "GATEWAY_SERVER", "hypercorn",        // the default server binds every interface
                    "GATEWAY_LISTEN", hostPort,
                    "LOCALSTACK_HOST", hostPort,
                    "OVERRIDE_IN_DOCKER", "0",            // the machine looks like a container (marker file at /)
                    "FILESYSTEM_ROOT", data.toString(),   // else it writes into system folders
                    "SQS_ENDPOINT_STRATEGY", "path",      // queue URLs on this host:port that resolve
                    "DNS_ADDRESS", "0",                   // no DNS server of its own
                    "SKIP_SSL_CERT_DOWNLOAD", "1",        // no internet
                    "DISABLE_EVENTS", "1",                // no analytics calls
                    "SERVICES", SERVICES));
            // Services load on their first request otherwise: under load that first call outlasted the SDK's socket
            // timeout, and the SDK's retry of a CreateEventBus then met the bus the first attempt had made.
            pb.environment().put("EAGER_SERVICE_LOADING", "1");
            // Credentials of the caller's environment are irrelevant to it; a stray endpoint variable is not.
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL"));
            LocalStackServer server = new LocalStackServer(pb.start(), URI.create("http://" + hostPort), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + exe + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("LocalStack exited with " + process.exitValue() + " (see " + log + "). " + INSTALL_HINT);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/_localstack/health").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    String health = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    c.disconnect();
                    if (running(health)) {
                        return;
                    }
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for LocalStack", e);
            }
        }
        close();
        throw new IllegalStateException("LocalStack did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
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

    /** SIGTERM, then SIGKILL after 10 s (it and anything it started). */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
