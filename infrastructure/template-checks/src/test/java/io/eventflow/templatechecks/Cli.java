package io.eventflow.templatechecks;

import io.eventflow.emulator.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool of the checkout (cfn-lint, sam) with a bound on its run time. */
final class Cli {
    private Cli() {}

    record Result(int exitCode, String output) {}

    /** A tool of the project's Python venv (.venv/bin/name), or null when the venv does not have it. */
    static Path venvTool(String name) {
        Path tool = RepoRoot.find().resolve(".venv/bin").resolve(name);
        return Files.isExecutable(tool) ? tool : null;
    }

    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("eventflow-cli", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().put("SAM_CLI_TELEMETRY", "0"); // no network calls from the test
                pb.environment().putAll(env);
                Process process = pb.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
