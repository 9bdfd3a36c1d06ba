package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.bench.ColdStartBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bench [REPEATS] [--orders N] [--no-cds] [--functions A,B]}: the performance goals P1, P2, P3, P5 in one table. */
@Command(
        name = "bench",
        description = {
            "The performance goals in one table: P1 cold start vs a hello-world handler and P2 first"
                    + " invoke vs warm (every function in fresh JVMs with Lambda's JVM flags against an embedded moto, its first sample"
                    + " event; again with an AppCDS archive per function), P3 artifact size vs the jars it loads classes"
                    + " from (one more JVM per function, all its sample events),"
                    + " P5 emulator requests per order (a small chaos run) next to the engine's raw SQS round trips per second.",
            "Prints medians, ratios and which goals are met; writes .eventflow/bench/bench.json; asserts nothing."
        })
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "5",
            paramLabel = "REPEATS",
            description = "JVMs per function (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--orders",
            defaultValue = "100",
            paramLabel = "N",
            description = "orders of P5's chaos run (requests per order; default ${DEFAULT-VALUE}; 0 skips it)")
    int orders;

    @Option(
            names = "--no-cds",
            description = {
                "skip P1 with an AppCDS archive per function (a training JVM over its sample events"
                        + " dumps the classes it loaded, -XX:ArchiveClassesAtExit; fresh JVMs start with it, -XX:SharedArchiveFile);"
                        + " local only: docs/PERFORMANCE.md says what it means on Lambda"
            })
    boolean noCds;

    @Option(
            names = "--functions",
            split = ",",
            paramLabel = "LOGICAL_ID",
            description = "only these functions (default: every function of template.yaml)")
    java.util.List<String> functions = java.util.List.of();

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new UserError(ExitCode.USAGE, "REPEATS must be at least 1, got " + repeats);
        }
        if (orders < 0) {
            throw new UserError(ExitCode.USAGE, "--orders must be >= 0, got " + orders);
        }
        try {
            ColdStartBench.run(repeats, orders, !noCds, functions, cli.out());
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
        return ExitCode.OK;
    }
}
