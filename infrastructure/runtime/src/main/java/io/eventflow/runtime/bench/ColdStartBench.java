package io.eventflow.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.Provisioner;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold-start benchmark (performance anchor G1/G2): every function of template.yaml, each run in a fresh JVM
 * with Lambda's JVM flags (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) against the embedded emulator, with its
 * first sample event from events/; the hello-world handler started the same way is the floor. Prints medians
 * and ratios; asserts nothing (timings on a shared 2-core box drift). Usage: ColdStartBench [repeats (5)].
 * The classpath is the runtime's (every function), not one function's artifact.
 */
public final class ColdStartBench {
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5, System.out);
    }

    /** Prints one row per function; {@code ./eventflow bench [REPEATS]} calls this. */
    public static void run(int repeats, PrintStream out) throws Exception {
        Path root = RepoRoot.find();
        try (Endpoint endpoint = Endpoint.connect(null, root.resolve(".eventflow/bench"))) {
            Template template = Template.load(root.resolve("template.yaml"), Map.of(),
                    io.eventflow.runtime.CallerAccount.discover(), io.eventflow.runtime.QueueUrls.ofEndpoint());
            new Provisioner(new Clients(), new PrintStream(java.io.OutputStream.nullOutputStream())).provision(template, 0);
            Map<String, Map<String, Object>> resources = template.resources();
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[]{"Hello", root.resolve("events/order-saga/payment-authorized.json").toString()});
            for (var f : template.functions()) {
                Path events = root.resolve("events").resolve(module(resources, f.logicalId()));
                try (Stream<Path> files = Files.list(events)) {
                    files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().contains("poison")
                                    && !p.getFileName().toString().contains("invalid") && !p.getFileName().toString().contains("seed"))
                            .sorted().findFirst().ifPresent(p -> runs.add(new String[]{f.logicalId(), p.toString()}));
                }
            }
            out.printf("%-22s %9s %9s %12s %11s %12s %12s%n", "function", "cold p50", "init p50", "1st invoke",
                    "warm p50", "P1 vs hello", "P2 1st/warm");
            double hello = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String[] run : runs) {
                List<JsonNode> samples = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    samples.add(probe(run[0], run[1], endpoint.url()));
                }
                double cold = median(samples, "coldMs");
                if (run[0].equals("Hello")) {
                    hello = cold;
                }
                double first = median(samples, "firstInvokeMs");
                double warm = Math.max(0.01, median(samples, "warmMedianMs"));
                boolean ok = samples.stream().allMatch(s -> s.path("ok").asBoolean());
                out.printf("%-22s %6.0f ms %6.0f ms %9.0f ms %8.2f ms %11.2fx %11.1fx%s%n", run[0], cold, median(samples, "initMs"),
                        first, warm, cold / hello, first / warm, ok ? "" : "  (handler error on the sample)");
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("function", run[0]);
                row.put("coldP50Ms", cold);
                row.put("initP50Ms", median(samples, "initMs"));
                row.put("firstInvokeP50Ms", first);
                row.put("warmP50Ms", warm);
                row.put("p1ColdVsHello", Math.round(cold / hello * 100) / 100.0);
                row.put("p2FirstVsWarm", Math.round(first / warm * 10) / 10.0);
                row.put("ok", ok);
                rows.add(row);
            }
            Map<String, Object> report = new java.util.LinkedHashMap<>();
            report.put("repeats", repeats);
            report.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            report.put("cpus", Runtime.getRuntime().availableProcessors());
            report.put("functions", rows);
            // P5's yardstick: the engine's own speed, so requests per order (chaos report) read as a duration.
            double sqsRoundTrips = sqsRoundTripsPerSecond(new Clients().sqs, 3_000);
            report.put("emulatorSqsRoundTripsPerSecond", Math.round(sqsRoundTrips));
            out.printf("emulator SQS round trips (SendMessage + ReceiveMessage + DeleteMessage) per second: %.0f%n", sqsRoundTrips);
            Path json = root.resolve(".eventflow/bench/bench.json");
            Files.createDirectories(json.getParent());
            Files.writeString(json, Json.write(report));
            out.println("written: " + root.relativize(json) + " (load average " + report.get("loadAverage") + " on "
                    + report.get("cpus") + " CPUs)");
        }
    }

    /** Send, receive and delete one message, one after the other, for {@code millis}: round trips per second. */
    static double sqsRoundTripsPerSecond(software.amazon.awssdk.services.sqs.SqsClient sqs, long millis) {
        String url = sqs.createQueue(b -> b.queueName("eventflow-bench-rtt")).queueUrl();
        long end = System.currentTimeMillis() + millis;
        long start = System.nanoTime();
        int n = 0;
        while (System.currentTimeMillis() < end) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("rtt"));
            for (var m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(1)).messages()) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static String module(Map<String, Map<String, Object>> resources, String logicalId) {
        Object metadata = resources.get(logicalId).get("Metadata");
        String module = metadata instanceof Map<?, ?> m ? String.valueOf(m.get("EventflowModule")) : "";
        return module.substring(module.lastIndexOf('/') + 1);
    }

    private static JsonNode probe(String logicalId, String event, String endpoint) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Deventflow.root=" + RepoRoot.find()));
        // Region and dummy credentials the emulator set up as system properties (Lambda gives them as env vars).
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), logicalId,
                event, endpoint));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(logicalId + ": probe did not finish in 120 s");
        }
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            throw new IllegalStateException(logicalId + ": probe printed nothing (exit " + p.exitValue() + ")");
        }
        return Json.parse(line.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static double median(List<JsonNode> samples, String field) {
        List<Double> v = samples.stream().map(s -> s.path(field).asDouble()).sorted(Comparator.naturalOrder()).toList();
        return v.get(v.size() / 2);
    }
}
