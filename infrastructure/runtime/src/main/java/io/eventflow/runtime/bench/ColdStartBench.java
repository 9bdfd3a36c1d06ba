package io.eventflow.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.Provisioner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./eventflow bench}: the performance goals (P1, P2, P3, P5) measured side by side in one run, one table.
 * <ul>
 * <li>P1, P2: every function of template.yaml in fresh JVMs with Lambda's JVM flags (-XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC) against the embedded emulator, with its first sample event from events/ ({@link ColdStartProbe});
 * the hello-world handler started the same way is P1's floor.</li>
 * <li>P1 with AppCDS (unless --no-cds): a training JVM per function over all its sample events dumps a dynamic CDS
 * archive, then fresh JVMs start with it (local only: on Lambda, SnapStart restores a snapshot instead).</li>
 * <li>P3: one more fresh JVM per function handles all its sample events with the class-load log on
 * ({@link ClassLoadFootprint}): the artifact's size next to the size of the entries it loads classes from.</li>
 * <li>P5: a small chaos run ({@code chaos --orders N --no-replay}, its own moto) for the emulator requests per
 * order, next to the raw emulator SQS round trips per second measured in this run.</li>
 * </ul>
 * Prints medians and ratios and whether each goal is met; asserts nothing (timings on a shared 2-core box drift).
 * Writes {@code .eventflow/bench/bench.json}.
 */
public final class ColdStartBench {
    static final double P1_GOAL = 2.0;
    static final double P2_GOAL = 3.0;
    static final double P3_GOAL = 1.1;
    static final double P5_GOAL = 30;

    public static void main(String[] args) throws Exception {
        run(
                args.length > 0 ? Integer.parseInt(args[0]) : 5,
                args.length > 1 ? Integer.parseInt(args[1]) : 100,
                !(args.length > 2 && args[2].equals("--no-cds")),
                System.out);
    }

    /**
     * {@code ./eventflow bench [REPEATS] [--orders N] [--no-cds]} calls this; {@code orders} 0 skips P5's chaos run;
     * {@code cds} adds P1 with an AppCDS archive per function ({@link #train}).
     */
    public static void run(int repeats, int orders, boolean cds, PrintStream out) throws Exception {
        run(repeats, orders, cds, List.of(), out);
    }

    /** The same for the functions named in {@code only} (all when empty). */
    public static void run(int repeats, int orders, boolean cds, List<String> only, PrintStream out) throws Exception {
        long benchStart = System.nanoTime();
        Path root = RepoRoot.find();
        Path work = root.resolve(".eventflow/bench");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Map<String, Object>> rows = new ArrayList<>();
        double sqsRoundTrips;
        Map<String, Object> p5;
        List<Double> rtt;
        try (Endpoint endpoint = Endpoint.connect(null, work)) {
            Clients clients = new Clients();
            Template template = Template.load(
                    root.resolve("template.yaml"),
                    Map.of(),
                    io.eventflow.runtime.CallerAccount.discover(),
                    io.eventflow.runtime.QueueUrls.ofEndpoint());
            new Provisioner(clients, quiet).provision(template, 0);
            ClassLoadFootprint.givenState(clients, template, root);
            Map<String, Map<String, Object>> resources = template.resources();
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {
                "Hello",
                root.resolve("events/order-saga/payment-authorized.json").toString(),
                null
            });
            for (var f : template.functions()) {
                if (!only.isEmpty() && !only.contains(f.logicalId())) {
                    continue;
                }
                Path events = root.resolve("events").resolve(module(resources, f.logicalId()));
                try (Stream<Path> files = Files.list(events)) {
                    files.filter(p -> p.toString().endsWith(".json")
                                    && !p.getFileName().toString().contains("poison")
                                    && !p.getFileName().toString().contains("invalid")
                                    && !p.getFileName().toString().contains("seed"))
                            .sorted()
                            .findFirst()
                            .ifPresent(p -> runs.add(new String[] {f.logicalId(), p.toString(), events.toString()}));
                }
            }
            if (cds) {
                deleteTree(work.resolve("cds"));
            }
            List<String> unknown = only.stream()
                    .filter(n -> template.functions().stream()
                            .noneMatch(f -> f.logicalId().equals(n)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "--functions: no such function in template.yaml: " + String.join(", ", unknown));
            }
            out.printf(
                    "bench: %d function(s) + hello-world, %d cold JVM(s) each, then one class-load JVM each%s; then %s ...%n",
                    runs.size() - 1,
                    repeats,
                    cds ? " and an AppCDS training JVM + " + repeats + " JVMs with its archive" : "",
                    orders > 0 ? "a " + orders + "-order chaos run (P5)" : "no chaos run");
            double hello = 0;
            for (String[] run : runs) {
                long fnStart = System.nanoTime();
                // P3 first, then the AppCDS training: both handle every sample, so each probe below meets its sample
                // as a repeat (the idempotency record answers), like the warm invocations.
                List<Path> events = run[2] == null ? List.of() : ClassLoadFootprint.sampleEvents(Path.of(run[2]));
                ClassLoadFootprint fp = run[2] == null
                        ? null
                        : ClassLoadFootprint.measure(run[0], events, endpoint.url(), Map.of(), work);
                Map<String, Object> appCds = cds && run[2] != null ? train(run[0], events, endpoint.url(), work) : null;
                Path jsa = appCds != null && appCds.get("archive") instanceof String a ? Path.of(a) : null;
                // With and without the archive alternately, so both meet the same load on this shared machine.
                List<JsonNode> samples = new ArrayList<>();
                List<JsonNode> withCds = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    samples.add(probe(run[0], run[1], endpoint.url(), List.of(), null));
                    if (jsa != null) {
                        withCds.add(
                                probe(run[0], run[1], endpoint.url(), List.of("-XX:SharedArchiveFile=" + jsa), (String)
                                        appCds.get("classpath")));
                    }
                }
                double cold = median(samples, "coldMs");
                if (run[0].equals("Hello")) {
                    hello = cold;
                }
                double first = median(samples, "firstInvokeMs");
                double warm = Math.max(0.01, median(samples, "warmMedianMs"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("function", run[0]);
                row.put("coldP50Ms", cold);
                row.put("initP50Ms", median(samples, "initMs"));
                row.put("firstInvokeP50Ms", first);
                row.put("warmP50Ms", warm);
                row.put("p1ColdVsHello", round(cold / hello, 100));
                row.put("p2FirstVsWarm", round(first / warm, 10));
                row.put("ok", samples.stream().allMatch(s -> s.path("ok").asBoolean()));
                if (fp != null) {
                    row.put("p3", p3(fp, events));
                }
                if (appCds != null) {
                    appCds.remove("archive");
                    appCds.remove("classpath");
                    if (jsa != null) {
                        Files.deleteIfExists(jsa); // ~37 MB each: measured, not kept
                        double cdsCold = median(withCds, "coldMs");
                        appCds.put("coldP50Ms", cdsCold);
                        appCds.put("initP50Ms", median(withCds, "initMs"));
                        appCds.put("firstInvokeP50Ms", median(withCds, "firstInvokeMs"));
                        appCds.put("p1ColdVsHello", round(cdsCold / hello, 100));
                    }
                    row.put("appCds", appCds);
                }
                out.printf("bench: %-20s %5.1f s%n", run[0], (System.nanoTime() - fnStart) / 1e9);
                rows.add(row);
            }
            // P5's yardstick: the engine's own speed, so requests per order read as a duration. Measured right before
            // and right after the chaos run (which starts its own moto), as the machine's load moves it by several
            // times.
            double before = sqsRoundTripsPerSecond(clients.sqs, 3_000);
            p5 = orders > 0 ? ChaosRequests.measure(orders, work) : null;
            double after = orders > 0 ? sqsRoundTripsPerSecond(clients.sqs, 3_000) : before;
            sqsRoundTrips = (before + after) / 2;
            rtt = List.of(round(before, 10), round(after, 10));
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("repeats", repeats);
        report.put(
                "loadAverage",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("functions", rows);
        report.put("emulatorSqsRoundTripsPerSecond", Math.round(sqsRoundTrips));
        report.put("emulatorSqsRoundTripsBeforeAfterChaos", rtt);
        if (p5 != null) {
            report.put("p5", p5);
        }
        report.put("goals", goals(rows, p5, sqsRoundTrips));
        report.put("elapsedSeconds", (System.nanoTime() - benchStart) / 1_000_000_000L);
        BenchTable.print(report, out);
        Path json = work.resolve("bench.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, Json.write(report));
        out.println("written: " + root.relativize(json) + " (load average " + report.get("loadAverage") + " on "
                + report.get("cpus") + " CPUs; the bench took " + report.get("elapsedSeconds") + " s)");
    }

    /**
     * P1 with an AppCDS archive of the function: a training JVM handles all its sample events and dumps the classes it
     * loaded at exit ({@code -XX:ArchiveClassesAtExit}, a dynamic archive on top of the JDK's default one); the probes
     * then start with it ({@code -XX:SharedArchiveFile}). The hello-world floor keeps the JDK's default archive.
     * Returns the training's facts, with {@code archive} and {@code classpath} for the probes when it wrote one.
     */
    private static Map<String, Object> train(String logicalId, List<Path> events, String endpoint, Path work)
            throws Exception {
        Path jsa = work.resolve("cds").resolve(logicalId + ".jsa");
        Files.createDirectories(jsa.getParent());
        Files.deleteIfExists(jsa);
        long start = System.nanoTime();
        // CDS refuses a non-empty directory on the application classpath: the launcher's target/classes go in as jars.
        String classpath = jarredClasspath(work.resolve("cds/classpath"));
        List<String> command =
                ClassLoadFootprint.sampleRun(List.of("-XX:ArchiveClassesAtExit=" + jsa), logicalId, events, endpoint);
        command.set(command.indexOf("-cp") + 1, classpath);
        Process training = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(
                        work.resolve("cds").resolve(logicalId + ".training.log").toFile())
                .start();
        if (!training.waitFor(180, TimeUnit.SECONDS)) {
            training.destroyForcibly().waitFor();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainingMs", (System.nanoTime() - start) / 1_000_000);
        if (!Files.isRegularFile(jsa)) {
            m.put(
                    "error",
                    "the training run wrote no archive (exit " + training.exitValue() + "; " + work.resolve("cds")
                            + ")");
            return m;
        }
        m.put("archiveBytes", Files.size(jsa));
        m.put("archive", jsa.toString());
        m.put("classpath", classpath);
        return m;
    }

    private static Map<String, Object> p3(ClassLoadFootprint fp, List<Path> events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("artifactBytes", fp.artifactBytes());
        m.put("loadedBytes", fp.loadedBytes());
        m.put("ratio", round(fp.ratio(), 100));
        m.put(
                "jars",
                fp.entries().stream().filter(ClassLoadFootprint.Entry::isJar).count());
        m.put(
                "unusedJars",
                fp.unusedJars().stream()
                        .map(e -> e.name() + " (" + e.bytes() / 1024 + " KB)")
                        .toList());
        m.put(
                "sampleEvents",
                events.stream().map(p -> p.getFileName().toString()).toList());
        m.put("failedEvents", fp.failed());
        return m;
    }

    private static Map<String, Object> goals(
            List<Map<String, Object>> rows, Map<String, Object> p5, double sqsRoundTrips) {
        List<Map<String, Object>> fns =
                rows.stream().filter(r -> !"Hello".equals(r.get("function"))).toList();
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("P1", goal("cold start / hello-world", P1_GOAL, fns, r -> (Double) r.get("p1ColdVsHello")));
        List<Map<String, Object>> withCds = fns.stream()
                .filter(r -> r.get("appCds") instanceof Map<?, ?> c && c.containsKey("p1ColdVsHello"))
                .toList();
        if (!withCds.isEmpty()) {
            goals.put("P1-AppCDS", goal("cold start with AppCDS / hello-world", P1_GOAL, withCds, r ->
                    (Double) ((Map<?, ?>) r.get("appCds")).get("p1ColdVsHello")));
        }
        goals.put("P2", goal("first invoke after init / warm p50", P2_GOAL, fns, r -> (Double) r.get("p2FirstVsWarm")));
        goals.put(
                "P3",
                goal(
                        "artifact size / loaded-jar size",
                        P3_GOAL,
                        fns.stream().filter(r -> r.containsKey("p3")).toList(),
                        r -> (Double) ((Map<?, ?>) r.get("p3")).get("ratio")));
        Map<String, Object> g5 = new LinkedHashMap<>();
        g5.put("what", "emulator requests per order (chaos main phase)");
        g5.put("goal", P5_GOAL);
        if (p5 != null && p5.get("perOrder") instanceof Number n) {
            g5.put("value", n.doubleValue());
            g5.put("met", n.doubleValue() <= P5_GOAL);
            g5.put("engineSecondsPerOrder", round(n.doubleValue() / (3 * sqsRoundTrips), 1000));
        } else {
            g5.put("met", null);
        }
        goals.put("P5", g5);
        return goals;
    }

    private static Map<String, Object> goal(
            String what,
            double limit,
            List<Map<String, Object>> rows,
            java.util.function.Function<Map<String, Object>, Double> value) {
        long met = rows.stream().filter(r -> value.apply(r) <= limit).count();
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("what", what);
        g.put("goal", limit);
        g.put("worst", rows.stream().map(value).max(Double::compare).orElse(Double.NaN));
        g.put("functionsMeeting", met);
        g.put("functions", rows.size());
        g.put("met", !rows.isEmpty() && met == rows.size());
        return g;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    static double round(double v, int scale) {
        return Double.isFinite(v) ? Math.round(v * scale) / (double) scale : v;
    }

    /** Send, receive and delete one message, one after the other, for {@code millis}: round trips per second. */
    static double sqsRoundTripsPerSecond(software.amazon.awssdk.services.sqs.SqsClient sqs, long millis) {
        String url = sqs.createQueue(b -> b.queueName("eventflow-bench-rtt")).queueUrl();
        long end = System.currentTimeMillis() + millis;
        long start = System.nanoTime();
        int n = 0;
        while (System.currentTimeMillis() < end) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("rtt"));
            for (var m : sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(1))
                    .messages()) {
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

    /** This JVM's classpath with every directory replaced by a jar of its files (written once per bench under {@code dir}). */
    private static synchronized String jarredClasspath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                entries.add(entry);
                continue;
            }
            Path jar = dir.resolve(
                    (i++) + "-" + p.toAbsolutePath().getParent().getParent().getFileName() + ".jar");
            if (!Files.isRegularFile(jar)) {
                Files.createDirectories(dir);
                try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                        Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new java.util.jar.JarEntry(
                                p.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static JsonNode probe(String logicalId, String event, String endpoint, List<String> flags, String classpath)
            throws Exception {
        List<String> command = ClassLoadFootprint.jvm(flags);
        if (classpath != null) {
            command.set(command.indexOf("-cp") + 1, classpath);
        }
        command.addAll(List.of(ColdStartProbe.class.getName(), logicalId, event, endpoint));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
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
        List<Double> v = samples.stream()
                .map(s -> s.path(field).asDouble())
                .sorted(Comparator.naturalOrder())
                .toList();
        return v.get(v.size() / 2);
    }
}
