package io.eventflow.capacity.measure;

import io.eventflow.capacity.model.Inputs;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.Endpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** One measuring run on an embedded moto server (or the given endpoint), as {@link Inputs}. */
public final class Measure {
    public static final String COMMAND = "./eventflow capacity measure --write";
    public static final String INPUTS = "docs/capacity/inputs.json";
    public static final int WARMUP = 1;
    public static final int PER_PATH = 3;

    private Measure() {}

    public static Inputs run(Path root, String endpointUrl, PrintStream progress) throws Exception {
        try (Endpoint endpoint = Endpoint.connect(endpointUrl, root.resolve(".eventflow/capacity"))) {
            double loadBefore = loadAverage();
            Map<String, List<Measurement.OrderCost>> measured =
                    new Measurement(root, progress).run(endpoint.url(), WARMUP, PER_PATH);
            String host = Runtime.getRuntime().availableProcessors() + " cores, load average "
                    + String.format(java.util.Locale.ROOT, "%.1f before, %.1f after", loadBefore, loadAverage());
            Template template = Template.load(
                    root.resolve("template.yaml"),
                    Map.of(),
                    io.eventflow.runtime.CallerAccount.discover(),
                    io.eventflow.runtime.QueueUrls.ofEndpoint());
            Inputs.Meta meta = new Inputs.Meta(
                    commit(root),
                    COMMAND,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    endpoint.isEmbedded() ? "embedded moto server (requirements-dev.txt)" : endpoint.url(),
                    host,
                    WARMUP,
                    PER_PATH,
                    List.of());
            return InputsWriter.inputs(measured, template, meta);
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static String json(Inputs inputs) throws IOException {
        return Measurement.mapper().writeValueAsString(inputs) + "\n";
    }

    public static Inputs read(Path file) throws IOException {
        return Measurement.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), Inputs.class);
    }

    /** HEAD, with "-dirty" when tracked files differ from it ("unknown" outside a git checkout). */
    static String commit(Path root) {
        try {
            String head = git(root, "rev-parse", "--short=12", "HEAD").trim();
            String status =
                    git(root, "status", "--porcelain", "--untracked-files=no").trim();
            return head.isEmpty() ? "unknown" : head + (status.isEmpty() ? "" : "-dirty");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String git(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "";
    }
}
