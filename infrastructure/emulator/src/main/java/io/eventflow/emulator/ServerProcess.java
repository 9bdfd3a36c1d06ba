package io.eventflow.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An emulator started as a Python child process on a 127.0.0.1 port (moto server, LocalStack): which Python, when
 * it is ready, how it stops. One place for what both engines' starters need, so they cannot drift apart.
 */
final class ServerProcess {
    private final String name;
    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final String installHint;

    ServerProcess(String name, Process process, URI endpoint, Path log, String installHint) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.installHint = installHint;
    }

    /** The Python named by {@code variable}, else the project venv's at {@code venvPython} (from the repo root). */
    static Path python(String variable, String venvPython, String installHint) {
        String configured = System.getenv(variable);
        Path exe = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : RepoRoot.find().resolve(venvPython);
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("no Python at " + exe + ". " + installHint);
        }
        return exe;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code path} until a 200 whose body passes {@code ready} (any HTTP answer when {@code ready} is null),
     * bounded by {@code timeout}; a process that exits or never answers is stopped and reported with its log.
     */
    void awaitReady(String path, Predicate<String> ready, Duration timeout, long pollMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " (see " + log + "). " + installHint);
            }
            if (answers(path, ready)) {
                return;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                close(Duration.ofSeconds(5));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        close(Duration.ofSeconds(5));
        throw new IllegalStateException(name + " did not answer within " + timeout.toSeconds() + " s; see " + log);
    }

    private boolean answers(String path, Predicate<String> ready) {
        try {
            HttpURLConnection c =
                    (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                int status = c.getResponseCode();
                if (ready == null) {
                    return status > 0;
                }
                return status == 200
                        && ready.test(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace} (the process and anything it started). */
    void close(Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
