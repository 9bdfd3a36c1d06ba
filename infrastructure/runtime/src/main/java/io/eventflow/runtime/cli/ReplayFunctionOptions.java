package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Json;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the verbs that re-send events through ReplayFunction share (replay, recover): how fast it may send them,
 * whether it only counts, and the running `up` it runs against.
 */
public final class ReplayFunctionOptions {
    @Mixin
    RateOptions pace;

    @Option(names = "--dry-run", description = "count what would be sent; send (and delete) nothing")
    boolean dryRun;

    @Mixin
    RunningUpOptions running;

    /** Runs ReplayFunction once on the running `up` with {@code request}: its answer, or its error (exit 1). */
    int invoke(Cli cli, Map<String, Object> request) {
        return OpsCommands.invokeOnRunning(
                cli, running, "ReplayFunction", app -> Json.write(request), UnaryOperator.identity());
    }
}
