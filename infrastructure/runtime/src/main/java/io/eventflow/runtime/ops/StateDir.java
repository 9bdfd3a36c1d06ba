package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code .eventflow/} in the checkout: runtime.json (the running `up`), logs/functions.jsonl (the functions' JSON
 * logs), logs/invocations.jsonl (every invoke the runtime made), logs/failures.jsonl; older runs' logs are kept
 * as logs/previous/&lt;run&gt;-*.jsonl (the last {@value #KEEP_RUNS} runs).
 *
 * <p>runtime.json belongs to the process that wrote it (its pid is in the file): only that process removes it,
 * so an `up` that fails never breaks a running one.
 */
public record StateDir(Path root) {
    static final int KEEP_RUNS = 5;

    /** The running `up` as its runtime.json describes it. */
    public record Running(long pid, String endpoint, int port, String runId, int controlPort, String controlToken) {
        /** The runtime's own API URL (http://127.0.0.1:port or localhost), not an AWS endpoint. */
        public boolean isApi(URI uri) {
            if (port <= 0 || uri.getPort() != port) {
                return false;
            }
            try {
                return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        public String api() {
            return "http://127.0.0.1:" + port;
        }
    }

    public Path runtimeFile() {
        return root.resolve("runtime.json");
    }

    public Path functionLogs() {
        return root.resolve("logs/functions.jsonl");
    }

    public Path invocations() {
        return root.resolve("logs/invocations.jsonl");
    }

    public Path failures() {
        return root.resolve("logs/failures.jsonl");
    }

    public Path runtimeLog() {
        return root.resolve("logs/runtime.log");
    }

    private Path previous() {
        return root.resolve("logs/previous");
    }

    /** Written by the `up` that owns it; info gets this process's pid. */
    public void writeRuntime(Map<String, Object> info) {
        try {
            Files.createDirectories(root);
            Map<String, Object> owned = new java.util.LinkedHashMap<>(info);
            owned.put("pid", ProcessHandle.current().pid());
            Path tmp =
                    root.resolve("runtime.json.tmp-" + ProcessHandle.current().pid());
            Files.writeString(tmp, Json.write(owned) + "\n");
            Files.move(tmp, runtimeFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + runtimeFile() + ": " + e.getMessage(), e);
        }
    }

    /** The `up` described by runtime.json if its process is alive (a stale file from a killed run is ignored). */
    public Optional<Running> running() {
        try {
            if (!Files.isRegularFile(runtimeFile())) {
                return Optional.empty();
            }
            JsonNode n = Json.parse(Files.readString(runtimeFile()));
            long pid = n.path("pid").asLong(-1);
            boolean alive =
                    pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive || n.path("endpoint").asText(null) == null) {
                return Optional.empty();
            }
            return Optional.of(new Running(
                    pid,
                    n.path("endpoint").asText(),
                    n.path("port").asInt(-1),
                    n.path("runId").asText(null),
                    n.path("control").path("port").asInt(-1),
                    n.path("control").path("token").asText(null)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The endpoint of the running `up`, or null. */
    public String runningEndpoint() {
        return running().map(Running::endpoint).orElse(null);
    }

    /** The SDK endpoint variables of the running `up` (default and per service), or empty when none runs. */
    public Map<String, String> runningEndpoints() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (running().isEmpty()) {
            return out;
        }
        try {
            JsonNode n = Json.parse(Files.readString(runtimeFile()));
            n.path("endpoints")
                    .fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            if (out.isEmpty() && n.hasNonNull("endpoint")) {
                out.put("AWS_ENDPOINT_URL", n.get("endpoint").asText());
            }
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
        return out;
    }

    /** Removes runtime.json only when this process wrote it. */
    public void clearRuntime() {
        try {
            if (!Files.isRegularFile(runtimeFile())) {
                return;
            }
            JsonNode n = Json.parse(Files.readString(runtimeFile()));
            if (n.path("pid").asLong(-1) == ProcessHandle.current().pid()) {
                Files.deleteIfExists(runtimeFile());
            }
        } catch (IOException | IllegalArgumentException ignored) {
            // best effort at exit; a stale file is ignored by running()
        }
    }

    /** A run id that sorts by time: 20261130T060512Z. */
    public static String runId(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }

    /** A new run starts with empty logs; the previous run's move to logs/previous/ (the last few are kept). */
    public void startRun() {
        try {
            Files.createDirectories(previous());
            List<Path> logs = List.of(functionLogs(), invocations(), failures(), runtimeLog());
            java.time.Instant last = java.time.Instant.EPOCH;
            for (Path log : logs) {
                if (Files.isRegularFile(log)
                        && Files.getLastModifiedTime(log).toInstant().isAfter(last)) {
                    last = Files.getLastModifiedTime(log).toInstant();
                }
            }
            String old = runId(last);
            for (Path log : logs) {
                if (Files.isRegularFile(log) && Files.size(log) > 0) {
                    Files.move(
                            log,
                            previous().resolve(old + "-" + log.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<String> runs = new ArrayList<>();
            try (Stream<Path> files = Files.list(previous())) {
                files.map(p -> p.getFileName().toString())
                        .map(n -> n.substring(0, n.indexOf('-') < 0 ? n.length() : n.indexOf('-')))
                        .distinct()
                        .sorted(Comparator.reverseOrder())
                        .forEach(runs::add);
            }
            for (String expired : runs.subList(Math.min(KEEP_RUNS, runs.size()), runs.size())) {
                try (Stream<Path> files = Files.list(previous())) {
                    for (Path p : files.filter(p -> p.getFileName().toString().startsWith(expired + "-"))
                            .toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot rotate the logs in " + root.resolve("logs") + ": " + e.getMessage(), e);
        }
    }

    /** A log of the current run preceded by the same log of older runs (oldest first), when {@code all}. */
    public List<Path> logs(Path current, boolean all) {
        List<Path> files = new ArrayList<>();
        if (all && Files.isDirectory(previous())) {
            try (Stream<Path> s = Files.list(previous())) {
                s.filter(p -> p.getFileName().toString().endsWith("-" + current.getFileName()))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                // the current run's log still answers
            }
        }
        files.add(current);
        return files;
    }
}
