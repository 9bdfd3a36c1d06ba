package io.eventflow.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P5 for the bench: a small chaos run ({@code chaos --orders N --seed 1 --no-replay}, default faults, its own moto)
 * in a child JVM, read from its JSON report: the emulator requests per order of the main phase (placing until
 * quiescence) and the invariants. The chaos verb lives in the chaos module, which depends on this one: it is on
 * the classpath when the launcher runs the bench; without it P5 is reported as not measured.
 */
final class ChaosRequests {
    static final String CHAOS_VERB = "io.eventflow.chaos.ChaosCommand";

    private ChaosRequests() {}

    static Map<String, Object> measure(int orders, Path work) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orders", orders);
        try {
            Class.forName(CHAOS_VERB, false, ChaosRequests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            m.put("error", "the chaos verb is not on this classpath (run the bench through ./eventflow bench)");
            return m;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:+UseSerialGC",
                "-Deventflow.root=" + RepoRoot.find(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.eventflow.runtime.Cli",
                "chaos",
                "--orders",
                Integer.toString(orders),
                "--seed",
                "1",
                "--no-replay",
                "--json-only"));
        Files.createDirectories(work);
        Path stderr = work.resolve("chaos.stderr.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(Math.max(600, orders) + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            m.put("error", "the chaos run did not finish in time");
            return m;
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        String text = new String(out, StandardCharsets.UTF_8).strip();
        int end = text.lastIndexOf('}');
        if (end < 0) {
            m.put("error", "the chaos run printed no report (exit " + p.exitValue() + "; " + stderr + ")");
            return m;
        }
        JsonNode report = Json.parse(text.substring(0, end + 1));
        JsonNode requests = report.path("requests");
        m.put("perOrder", requests.path("perOrder").asDouble());
        m.put("requests", requests.path("total").asLong());
        m.put("requestsPerSecond", requests.path("perSecond").asLong());
        m.put("settledMs", report.path("settledMs").asLong());
        m.put("wallMs", elapsed);
        m.put("invariants", text.substring(end + 1).strip());
        m.put("passed", p.exitValue() == 0);
        m.put("byCaller", Json.MAPPER.convertValue(requests.path("byCaller"), Map.class));
        return m;
    }
}
