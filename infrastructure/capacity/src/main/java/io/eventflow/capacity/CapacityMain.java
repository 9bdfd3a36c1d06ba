package io.eventflow.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventflow.capacity.measure.Measure;
import io.eventflow.capacity.model.CapacityModel;
import io.eventflow.capacity.model.Inputs;
import io.eventflow.capacity.model.Limits;
import io.eventflow.capacity.model.Prices;
import io.eventflow.capacity.model.Report;
import io.eventflow.capacity.model.ReportPrinter;
import io.eventflow.capacity.model.TemplateSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./eventflow capacity}: the model prints the capacity and cost tables for {@code --orders-per-second N};
 * {@code measure [--write]} re-measures the per-order inputs on an embedded emulator through the local runtime.
 */
public final class CapacityMain {
    static final String USAGE = """
            usage: ./eventflow capacity --orders-per-second N [--mix shipped=0.8,stock=0.1,payment=0.1]
                                        [--duration-scale F] [--inputs FILE] [--limits FILE] [--prices FILE] [--template FILE]
                   ./eventflow capacity measure [--write]
                   ./eventflow capacity docs

              The model: per component the load at N orders/s, the limit, the headroom and the first to saturate;
              the concurrency each function needs (Little's law on measured warm durations); the template settings
              N needs next to today's template.yaml; the cost per million orders by service.
              --duration-scale F multiplies the measured durations (a what-if: calls on AWS are faster than on
              the emulator); counts are never scaled.
              Inputs: docs/capacity/inputs.json (measured), limits-us-east-1.json and prices-us-east-1.json (dated,
              editable). `measure` places a few orders per path on an embedded moto server through the local
              runtime and prints the inputs (--write: rewrites docs/capacity/inputs.json and the generated tables of
              docs/SCALING.md). `docs` regenerates those tables alone (after editing the limits or prices).""";

    private CapacityMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("capacity: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("capacity: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("eventflow.root", ".")).toAbsolutePath().normalize();
        List<String> list = List.of(args);
        if (list.contains("--help") || list.contains("-h")) {
            System.out.println(USAGE);
            return 0;
        }
        if (!list.isEmpty() && list.get(0).equals("measure")) {
            for (String a : list.subList(1, list.size())) {
                if (!a.equals("--write")) {
                    throw new IllegalArgumentException("measure takes only --write; got '" + a + "'");
                }
            }
            Inputs inputs = Measure.run(root, null, System.err);
            String json = Measure.json(inputs);
            if (list.contains("--write")) {
                Path file = root.resolve(Measure.INPUTS);
                Files.createDirectories(file.getParent());
                Files.writeString(file, json);
                System.err.println("capacity: wrote " + Measure.INPUTS + " (commit " + inputs.measured().commit() + ")");
                docs(root, Map.of());
            } else {
                System.out.print(json);
            }
            return 0;
        }
        if (!list.isEmpty() && list.get(0).equals("docs")) {
            docs(root, options(list.subList(1, list.size())));
            return 0;
        }
        Map<String, String> opts = options(list);
        if (!opts.containsKey("orders-per-second")) {
            throw new IllegalArgumentException("--orders-per-second N is required");
        }
        double rate;
        try {
            rate = Double.parseDouble(opts.get("orders-per-second"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--orders-per-second takes a number, got '" + opts.get("orders-per-second") + "'");
        }
        Inputs inputs = Measure.read(file(root, opts.getOrDefault("inputs", Measure.INPUTS)));
        Limits limits = limits(root, opts);
        Prices prices = prices(root, opts);
        TemplateSettings template = template(root, opts);
        Map<String, Double> mix = opts.containsKey("mix") ? CapacityModel.parseMix(opts.get("mix"), inputs.paths().keySet())
                : CapacityModel.DEFAULT_MIX;
        double scale = 1.0;
        if (opts.containsKey("duration-scale")) {
            try {
                scale = Double.parseDouble(opts.get("duration-scale"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--duration-scale takes a number, got '" + opts.get("duration-scale") + "'");
            }
        }
        CapacityModel model = new CapacityModel(inputs, limits, prices, template, scale);
        Report report = model.evaluate(rate, mix);
        ReportPrinter.print(report, inputs, prices, System.out);
        if (scale != 1.0) {
            System.out.printf("%nMeasured durations multiplied by %s (--duration-scale): concurrency, stream and Lambda duration"
                    + " figures are a what-if, not a measurement.%n", opts.get("duration-scale"));
        }
        return 0;
    }

    /** Rewrites the generated blocks of docs/SCALING.md from the committed inputs (and the given files). */
    private static void docs(Path root, Map<String, String> opts) throws Exception {
        DocsWriter.update(root, Measure.read(file(root, opts.getOrDefault("inputs", Measure.INPUTS))), limits(root, opts),
                prices(root, opts), template(root, opts));
        System.err.println("capacity: updated the generated tables of " + DocsWriter.DOC);
    }

    private static Limits limits(Path root, Map<String, String> opts) throws IOException {
        return read(file(root, opts.getOrDefault("limits", "docs/capacity/limits-us-east-1.json")), Limits.class);
    }

    private static Prices prices(Path root, Map<String, String> opts) throws IOException {
        return read(file(root, opts.getOrDefault("prices", "docs/capacity/prices-us-east-1.json")), Prices.class);
    }

    private static TemplateSettings template(Path root, Map<String, String> opts) {
        return TemplateSettings.read(file(root, opts.getOrDefault("template", "template.yaml")));
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                value = args.get(++i);
            }
            if (!List.of("orders-per-second", "mix", "duration-scale", "inputs", "limits", "prices", "template").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            m.put(key, value);
        }
        return m;
    }

    private static Path file(Path root, String name) {
        Path p = root.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + p + (name.equals(Measure.INPUTS)
                    ? " (run ./eventflow capacity measure --write)" : ""));
        }
        return p;
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), type);
    }
}
