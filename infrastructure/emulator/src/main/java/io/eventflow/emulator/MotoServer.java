package io.eventflow.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code moto[server]}, pinned in {@code requirements-dev.txt}) as a child process on a free
 * 127.0.0.1 port, run through the project's launcher {@code infrastructure/emulator/moto/eventflow_moto.py}
 * (moto's app with requests serialised, see there why) by the Python of the project venv
 * ({@code .venv/bin/python}) or of {@code EVENTFLOW_PYTHON}. Start waits until it answers HTTP (bounded);
 * close stops it.
 */
public final class MotoServer implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final String INSTALL_HINT = "The tests need Python >= 3.9 with moto[server]: run `./eventflow setup` "
            + "(creates .venv from requirements-dev.txt), or `pip install 'moto[server]==5.2.1'` and set EVENTFLOW_PYTHON "
            + "to that Python, or point AWS_ENDPOINT_URL at a running emulator.";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The Python that has moto[server]: the project venv's, or {@code EVENTFLOW_PYTHON}. */
    public static Path python() {
        String configured = System.getenv("EVENTFLOW_PYTHON");
        Path exe = configured != null && !configured.isBlank()
                ? Path.of(configured) : RepoRoot.find().resolve(".venv/bin/python");
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("no Python at " + exe + ". " + INSTALL_HINT);
        }
        return exe;
    }

    public static Path launcher() {
        return RepoRoot.find().resolve("infrastructure/emulator/moto/eventflow_moto.py");
    }

    public static MotoServer start(Path logDir) {
        return start(logDir, java.util.Map.of());
    }

    /** @param environment extra variables for the server, e.g. {@code MOTO_ACCOUNT_ID} (the account it reports) */
    public static MotoServer start(Path logDir, java.util.Map<String, String> environment) {
        Path exe = python();
        int port = freePort();
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("moto-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(exe.toString(), launcher().toString(), "-H", "127.0.0.1",
                    "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            Process p = pb.start();
            MotoServer server = new MotoServer(p, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + exe + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + " (see " + log
                        + "). " + INSTALL_HINT);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() > 0) {
                    c.disconnect();
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("moto server did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Forgets every resource: the emulator's own reset API (moto only). */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.getResponseCode();
            c.disconnect();
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }
}
