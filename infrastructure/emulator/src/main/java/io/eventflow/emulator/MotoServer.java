package io.eventflow.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    private final ServerProcess server;

    private MotoServer(ServerProcess server) {
        this.server = server;
    }

    /** The Python that has moto[server]: the project venv's, or {@code EVENTFLOW_PYTHON}. */
    public static Path python() {
        return ServerProcess.python("EVENTFLOW_PYTHON", ".venv/bin/python", INSTALL_HINT);
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
        int port = ServerProcess.freePort();
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("moto-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            exe.toString(), launcher().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            ServerProcess process = new ServerProcess(
                    "moto server", pb.start(), URI.create("http://127.0.0.1:" + port), log, INSTALL_HINT);
            process.awaitReady("/moto-api/", null, START_TIMEOUT, 100);
            return new MotoServer(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + exe + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** Forgets every resource: the emulator's own reset API (moto only). */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    server.endpoint().resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.getResponseCode();
            c.disconnect();
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(5));
    }
}
