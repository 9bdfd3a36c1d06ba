package io.eventflow.templatechecks;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.CallerAccount;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Provisioner;
import io.eventflow.runtime.QueueUrls;
import io.eventflow.runtime.bench.ClassLoadFootprint;
import io.eventflow.runtime.invoke.CodeLocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * SamBuildIT's lean-artifact check (P3): each built artifact handles all its sample events
 * ({@code events/<module>/*.json}, stock seeded and given events appended first) in a fresh JVM against a moto
 * server provisioned from template.yaml, with the JVM's class-load log on ({@link ClassLoadFootprint}, the bench's
 * measurement). A jar of the artifact from which the function's classloader defines no class fails the check
 * unless the allow-list in docs/PERFORMANCE.md names it (artifactId, functions, why); an allow-list row that no
 * artifact needs any more fails it too, so the docs stay true.
 */
final class LoadedJars {
    static final String DOC = "docs/PERFORMANCE.md";
    private static final String BEGIN = "<!-- p3-allow-list";
    private static final String END = "<!-- /p3-allow-list -->";

    /** One row of the allow-list; {@code functions} empty = every function. */
    record Allowed(String artifactId, Set<String> functions, String why) {
        boolean covers(String logicalId, String jar) {
            return SamBuildIT.isJar(jar, artifactId) && (functions.isEmpty() || functions.contains(logicalId));
        }
    }

    private LoadedJars() {}

    /** The rows between the allow-list markers: {@code | artifactId | all or F1, F2 | why |}. */
    static List<Allowed> allowList(Path doc) throws IOException {
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no P3 allow-list (" + BEGIN + " ... " + END + ")");
        }
        List<Allowed> rows = new ArrayList<>();
        for (String line : text.substring(begin, end).lines().toList()) {
            String[] cells = line.strip().split("\\|");
            if (cells.length < 4
                    || !line.strip().startsWith("|")
                    || cells[1].isBlank()
                    || cells[1].contains("---")
                    || cells[1].strip().equals("jar")) {
                continue;
            }
            String artifactId = cells[1].strip().replace("`", "");
            String fns = cells[2].strip();
            Set<String> functions = fns.equalsIgnoreCase("all")
                    ? Set.of()
                    : Arrays.stream(fns.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .collect(Collectors.toSet());
            rows.add(new Allowed(artifactId, functions, cells[3].strip()));
        }
        return rows;
    }

    /** Measures every artifact under {@code buildDir}; soft-asserts; returns the report lines. */
    static List<String> check(Architecture architecture, Path buildDir, Path work, SoftAssertions soft)
            throws Exception {
        Path root = RepoRoot.find();
        List<Allowed> allowed = allowList(root.resolve(DOC));
        List<String> report = new ArrayList<>();
        long started = System.nanoTime();
        Map<String, ClassLoadFootprint> footprints = new LinkedHashMap<>();
        try (Endpoint endpoint = Endpoint.connect(null, work)) {
            Clients clients = new Clients();
            Template template = Template.load(
                    root.resolve("template.yaml"), Map.of(), CallerAccount.discover(), QueueUrls.ofEndpoint());
            new Provisioner(clients, new PrintStream(OutputStream.nullOutputStream())).provision(template, 0);
            ClassLoadFootprint.givenState(clients, template, root);
            // Two at a time: the machine has 2 cores; each run is a JVM start plus a few invocations.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Map<String, Future<ClassLoadFootprint>> runs = new LinkedHashMap<>();
                for (Architecture.Function f : architecture.functions().values()) {
                    var events = ClassLoadFootprint.sampleEvents(
                            root.resolve("events").resolve(f.moduleDir()));
                    runs.put(
                            f.logicalId(),
                            pool.submit(() -> ClassLoadFootprint.measure(
                                    f.logicalId(),
                                    events,
                                    endpoint.url(),
                                    Map.of(CodeLocator.ARTIFACTS_VARIABLE, buildDir.toString()),
                                    work)));
                }
                for (var run : runs.entrySet()) {
                    footprints.put(run.getKey(), run.getValue().get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
        report.add(String.format(
                "class-load runs (each artifact, all its sample events, a fresh JVM) took %d s; P3 = artifact / loaded:",
                (System.nanoTime() - started) / 1_000_000_000L));
        for (ClassLoadFootprint fp : footprints.values()) {
            String fn = fp.function();
            soft.assertThat(fp.entries().get(0).path())
                    .as("%s measured from its sam build artifact", fn)
                    .isEqualTo(buildDir.resolve(fn).toAbsolutePath().normalize());
            List<String> unused =
                    fp.unusedJars().stream().map(ClassLoadFootprint.Entry::name).toList();
            for (ClassLoadFootprint.Entry jar : fp.unusedJars()) {
                soft.assertThat(allowed.stream().anyMatch(a -> a.covers(fn, jar.name())))
                        .as(
                                "%s carries lib/%s (%d KB) but loads no class from it while handling its sample events: leave it out"
                                        + " of the artifact (an exclusion in the function's pom) or name it and why in %s's P3 allow-list",
                                fn, jar.name(), jar.bytes() / 1024, DOC)
                        .isTrue();
            }
            report.add(String.format(
                    "%-20s %7d KB artifact %7d KB loaded  %.2fx  unused: %s%s",
                    fn,
                    fp.artifactBytes() / 1024,
                    fp.loadedBytes() / 1024,
                    fp.ratio(),
                    unused.isEmpty() ? "none" : String.join(", ", unused),
                    fp.failed().isEmpty() ? "" : "  (samples answered with an error: " + fp.failed() + ")"));
        }
        for (Allowed a : allowed) {
            boolean needed = footprints.values().stream()
                    .anyMatch(fp -> fp.unusedJars().stream().anyMatch(j -> a.covers(fp.function(), j.name())));
            soft.assertThat(needed)
                    .as(
                            "%s's P3 allow-list names %s (%s) but no such artifact carries it unused any more: drop the row",
                            DOC, a.artifactId(), a.functions().isEmpty() ? "all" : a.functions())
                    .isTrue();
        }
        return report;
    }
}
