package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.bench.ColdStartBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code bench [REPEATS]}: the cold-start benchmark. */
@Command(name = "bench", description = {"Cold-start benchmark: every function in a fresh JVM (Lambda's JVM flags) against an"
        + " embedded moto, with its first sample event, next to a hello-world handler started the same way.",
        "Prints medians and ratios; asserts nothing."})
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", arity = "0..1", defaultValue = "5", paramLabel = "REPEATS", description = "JVMs per function (default ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new UserError(ExitCode.USAGE, "REPEATS must be at least 1, got " + repeats);
        }
        ColdStartBench.run(repeats, cli.out());
        return ExitCode.OK;
    }
}
