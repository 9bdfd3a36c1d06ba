package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code .eventflow/} in the checkout: runtime.json (the running `up`), logs/functions.jsonl, logs/failures.jsonl. */
public record StateDir(Path root) {
    public Path runtimeFile() {
        return root.resolve("runtime.json");
    }

    public Path functionLogs() {
        return root.resolve("logs/functions.jsonl");
    }

    public Path failures() {
        return root.resolve("logs/failures.jsonl");
    }

    public void writeRuntime(Map<String, Object> info) {
        try {
            Files.createDirectories(root);
            Files.writeString(runtimeFile(), Json.write(info) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + runtimeFile() + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint of the running `up`, or null. */
    public String runningEndpoint() {
        try {
            if (!Files.isRegularFile(runtimeFile())) {
                return null;
            }
            JsonNode n = Json.parse(Files.readString(runtimeFile()));
            return n.path("endpoint").asText(null);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The SDK endpoint variables of the running `up` (default and per service), or empty. */
    public Map<String, String> runningEndpoints() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            if (Files.isRegularFile(runtimeFile())) {
                JsonNode n = Json.parse(Files.readString(runtimeFile()));
                n.path("endpoints").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
                if (out.isEmpty() && n.hasNonNull("endpoint")) {
                    out.put("AWS_ENDPOINT_URL", n.get("endpoint").asText());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
        return out;
    }

    public void clearRuntime() {
        try {
            Files.deleteIfExists(runtimeFile());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
