package io.eventflow.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.Seed;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.store.DynamoDbEventStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * P3: what a function's artifact carries next to what it uses. A fresh JVM ({@link SampleRun}) handles every
 * sample event of the function with the JVM's class-load log on ({@code -Xlog:class+load=debug}); a classpath
 * entry of the artifact counts as used when the function's classloader defined at least one class from it.
 * The sizes are the files' (jars are compressed already, so a deployment zip is about their sum).
 *
 * @param entries the artifact's classpath (classes directory, then its jars) with the classes loaded from each
 * @param failed  sample events whose invocation returned an error (their code paths still ran up to the error)
 */
public record ClassLoadFootprint(String function, List<Entry> entries, List<String> failed, long elapsedMs) {

    /** One classpath entry: a jar or the classes directory (without the jars under it). */
    public record Entry(Path path, long bytes, int classesLoaded) {
        public String name() {
            return path.getFileName().toString();
        }

        public boolean isJar() {
            return name().endsWith(".jar");
        }
    }

    public long artifactBytes() {
        return entries.stream().mapToLong(Entry::bytes).sum();
    }

    public long loadedBytes() {
        return entries.stream()
                .filter(e -> e.classesLoaded() > 0)
                .mapToLong(Entry::bytes)
                .sum();
    }

    /** Artifact size over the size of the entries it loads classes from (goal <= 1.1). */
    public double ratio() {
        return loadedBytes() == 0 ? Double.NaN : (double) artifactBytes() / loadedBytes();
    }

    /** The artifact's jars from which the function loaded no class. */
    public List<Entry> unusedJars() {
        return entries.stream().filter(e -> e.isJar() && e.classesLoaded() == 0).toList();
    }

    /** A function's sample events: {@code events/<module>/*.json} except the seed data ({@code seed-*.json}). */
    public static List<Path> sampleEvents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                            && !p.getFileName().toString().startsWith("seed-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stock of events/inventory/seed-*.json and every sample's given events, so samples take their main paths. */
    public static void givenState(Clients clients, Template template, Path root) throws IOException {
        Seed.inventory(clients, template, root.resolve("events/inventory/seed-stock.json"));
        String table = template.table("EventStoreTable").map(t -> t.name()).orElse(null);
        if (table == null) {
            return;
        }
        DynamoDbEventStore store = new DynamoDbEventStore(clients.dynamo, table);
        try (Stream<Path> given = Files.walk(root.resolve("events"))) {
            for (Path file : given.filter(
                            p -> p.getParent().getFileName().toString().equals("given")
                                    && p.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                Publish.run(store, Files.readString(file), new PrintStream(OutputStream.nullOutputStream()));
            }
        }
    }

    /**
     * Runs {@code logicalId} on {@code events} in a child JVM against {@code endpoint} and reads its class-load log.
     * {@code environment} is added to the child's (e.g. {@code EVENTFLOW_ARTIFACTS} to measure a sam build output).
     */
    public static ClassLoadFootprint measure(
            String logicalId, List<Path> events, String endpoint, Map<String, String> environment, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("class-load-" + logicalId + ".log");
        Files.deleteIfExists(log);
        List<String> command = sampleRun(
                List.of("-Xlog:class+load=debug:file=" + log + ":tid:filecount=0"), logicalId, events, endpoint);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(environment);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(logicalId + ": sample run did not finish in 180 s");
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || text.isEmpty()) {
            throw new IllegalStateException(logicalId + ": sample run failed (exit " + p.exitValue() + "): " + text);
        }
        JsonNode line = Json.parse(text.lines().reduce((a, b) -> b).orElseThrow());
        List<Path> classpath = new ArrayList<>();
        line.path("classpath")
                .forEach(n -> classpath.add(Path.of(n.asText()).toAbsolutePath().normalize()));
        List<String> failed = new ArrayList<>();
        line.path("invocations").forEach(n -> {
            if (!n.path("ok").asBoolean()) {
                failed.add(n.path("event").asText());
            }
        });
        Map<Path, Integer> loaded = functionClassSources(log);
        Set<Path> jars = classpath.stream().filter(c -> !Files.isDirectory(c)).collect(Collectors.toSet());
        List<Entry> entries = classpath.stream()
                .map(c -> new Entry(c, size(c, jars), loaded.getOrDefault(c, 0)))
                .toList();
        return new ClassLoadFootprint(logicalId, entries, failed, elapsedMs);
    }

    /**
     * A JVM as the bench starts functions: Lambda's JVM flags ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}),
     * {@code flags}, the repository root, the region and dummy credentials the emulator set as system properties
     * (Lambda gives them as env vars), this JVM's classpath.
     */
    static List<String> jvm(List<String> flags) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(flags);
        command.add("-Deventflow.root=" + RepoRoot.find());
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }

    /** {@link SampleRun} of {@code logicalId} over {@code events} in a JVM with {@code flags}. */
    static List<String> sampleRun(List<String> flags, String logicalId, List<Path> events, String endpoint) {
        List<String> command = jvm(flags);
        command.addAll(List.of(SampleRun.class.getName(), logicalId, endpoint));
        events.forEach(e -> command.add(e.toString()));
        return command;
    }

    // "[tid] a.b.C source: file:/x.jar" then "[tid]  klass: ... loader: [loader data: 0x.. for instance a
    // 'java/net/URLClassLoader'{..}]" (the tid is padded to 5 characters: "[307  ]")
    private static final Pattern LOADED = Pattern.compile("^\\[\\s*(\\d+)\\s*\\]\\s*(\\S+) source: (\\S+)");
    private static final Pattern DEFINED = Pattern.compile(
            "^\\[\\s*(\\d+)\\s*\\]\\s+klass: .* loader: \\[loader data: \\S+ (?:for instance a|of) '([^']+)'");

    /**
     * Classes defined by a URLClassLoader (the function's sandbox loader; the runtime's own classes come from the
     * application loader), counted by their code source. The two lines of one class are paired by thread id.
     */
    static Map<Path, Integer> functionClassSources(Path log) throws IOException {
        Map<String, String> pending = new HashMap<>();
        Map<Path, Integer> counts = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                Matcher m = LOADED.matcher(l);
                if (m.find()) {
                    pending.put(m.group(1), m.group(3));
                    return;
                }
                Matcher d = DEFINED.matcher(l);
                if (d.find()) {
                    String source = pending.remove(d.group(1));
                    if (source != null
                            && source.startsWith("file:")
                            && d.group(2).equals("java/net/URLClassLoader")) {
                        counts.merge(
                                Path.of(URI.create(source)).toAbsolutePath().normalize(), 1, Integer::sum);
                    }
                }
            });
        }
        return counts;
    }

    private static long size(Path entry, Set<Path> jars) {
        if (!Files.isDirectory(entry)) {
            return entry.toFile().length();
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !jars.contains(f.toAbsolutePath().normalize()))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
