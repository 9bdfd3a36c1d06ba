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
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.TemplateOptions;
import io.eventflow.runtime.cli.UserError;
import io.eventflow.runtime.cli.Verb;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./eventflow capacity}: the model prints the capacity and cost tables for {@code --orders-per-second N};
 * {@code measure [--write]} re-measures the per-order inputs on an embedded emulator through the local runtime;
 * {@code docs} regenerates the tables of docs/SCALING.md.
 */
@Command(
        name = "capacity",
        sortOptions = false,
        subcommands = {CapacityCommand.MeasureCommand.class, CapacityCommand.DocsCommand.class},
        description = {
            "The AWS capacity and cost model: per component the load at N orders/s, the limit, the headroom and the"
                    + " first to saturate; the concurrency each function needs (Little's law on measured warm durations); the"
                    + " template settings N needs next to today's template.yaml; the cost per million orders by service.",
            "Inputs: docs/capacity/inputs.json (measured: `capacity measure --write`), limits-us-east-1.json and"
                    + " prices-us-east-1.json (dated, editable). See docs/SCALING.md."
        })
public final class CapacityCommand implements Callable<Integer>, Verb {
    @ParentCommand
    Cli cli;

    @Option(names = "--orders-per-second", paramLabel = "N", description = "the load to size for (orders per second)")
    Double ordersPerSecond;

    @Option(
            names = "--mix",
            paramLabel = "PATH=SHARE,...",
            description = "the order mix, e.g. shipped=0.8,stock=0.1,payment=0.1")
    String mix;

    @Option(
            names = "--duration-scale",
            defaultValue = "1.0",
            paramLabel = "F",
            description =
                    "multiplies the measured durations (a what-if: calls on AWS are faster than on the emulator); counts are never scaled")
    double durationScale;

    @Mixin
    Files files;

    @Mixin
    TemplateOptions template;

    /** --inputs, --limits, --prices: the model's input files (relative to the checkout). */
    public static final class Files {
        @Option(
                names = "--inputs",
                paramLabel = "FILE",
                defaultValue = Measure.INPUTS,
                description = "measured inputs (default ${DEFAULT-VALUE})")
        String inputs;

        @Option(
                names = "--limits",
                paramLabel = "FILE",
                defaultValue = "docs/capacity/limits-us-east-1.json",
                description = "default ${DEFAULT-VALUE}")
        String limits;

        @Option(
                names = "--prices",
                paramLabel = "FILE",
                defaultValue = "docs/capacity/prices-us-east-1.json",
                description = "default ${DEFAULT-VALUE}")
        String prices;
    }

    @Override
    public Integer call() throws Exception {
        if (ordersPerSecond == null) {
            throw new UserError(ExitCode.USAGE, "--orders-per-second N is required (or a subcommand: measure, docs)");
        }
        if (ordersPerSecond <= 0 || durationScale <= 0) {
            throw new UserError(ExitCode.USAGE, "--orders-per-second and --duration-scale must be positive");
        }
        Path root = template.root();
        Inputs inputs = Measure.read(file(root, files.inputs));
        Map<String, Double> shares;
        try {
            shares = mix != null ? CapacityModel.parseMix(mix, inputs.paths().keySet()) : CapacityModel.DEFAULT_MIX;
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--mix: " + e.getMessage());
        }
        CapacityModel model = new CapacityModel(
                inputs,
                read(file(root, files.limits), Limits.class),
                read(file(root, files.prices), Prices.class),
                TemplateSettings.read(file(root, template.path().toString())),
                durationScale);
        Report report = model.evaluate(ordersPerSecond, shares);
        PrintStream out = cli.out();
        ReportPrinter.print(report, inputs, read(file(root, files.prices), Prices.class), out);
        if (durationScale != 1.0) {
            out.printf(
                    "%nMeasured durations multiplied by %s (--duration-scale): concurrency, stream and Lambda duration"
                            + " figures are a what-if, not a measurement.%n",
                    durationScale);
        }
        return ExitCode.OK;
    }

    @Command(
            name = "measure",
            description =
                    "Place a few orders per path on an embedded moto server through the local runtime and"
                            + " print the measured inputs (--write: rewrite docs/capacity/inputs.json and the generated tables of docs/SCALING.md).")
    public static final class MeasureCommand implements Callable<Integer> {
        @ParentCommand
        CapacityCommand capacity;

        @Option(names = "--write", description = "rewrite docs/capacity/inputs.json and docs/SCALING.md's tables")
        boolean write;

        @Override
        public Integer call() throws Exception {
            Path root = capacity.template.root();
            Inputs inputs = Measure.run(root, null, capacity.cli.err());
            String json = Measure.json(inputs);
            if (write) {
                Path file = root.resolve(Measure.INPUTS);
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, json);
                capacity.cli
                        .err()
                        .println("capacity: wrote " + Measure.INPUTS + " (commit "
                                + inputs.measured().commit() + ")");
                capacity.docs(root);
            } else {
                capacity.cli.out().print(json);
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "docs",
            description =
                    "Regenerate the generated tables of docs/SCALING.md from the committed inputs (after editing the limits or prices).")
    public static final class DocsCommand implements Callable<Integer> {
        @ParentCommand
        CapacityCommand capacity;

        @Override
        public Integer call() throws Exception {
            capacity.docs(capacity.template.root());
            return ExitCode.OK;
        }
    }

    void docs(Path root) throws IOException {
        DocsWriter.update(
                root,
                Measure.read(file(root, files.inputs)),
                read(file(root, files.limits), Limits.class),
                read(file(root, files.prices), Prices.class),
                TemplateSettings.read(file(root, template.path().toString())));
        cli.err().println("capacity: updated the generated tables of " + DocsWriter.DOC);
    }

    private static Path file(Path root, String name) {
        Path p = root.resolve(name);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw UserError.input("no such file: " + p
                    + (name.equals(Measure.INPUTS) ? ": run ./eventflow capacity measure --write" : ""));
        }
        return p;
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), type);
    }
}
