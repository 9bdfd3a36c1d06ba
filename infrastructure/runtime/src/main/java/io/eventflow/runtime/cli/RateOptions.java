package io.eventflow.runtime.cli;

import picocli.CommandLine.Option;

/** How fast a verb that re-sends events through ReplayFunction may send them (replay, recover). */
public final class RateOptions {
    @Option(
            names = "--rate",
            defaultValue = "50",
            paramLabel = "N",
            description = "events per second (default ${DEFAULT-VALUE})")
    int rate;

    /** The rate, refused below one event per second. */
    int checked() {
        if (rate < 1) {
            throw new UserError(ExitCode.USAGE, "--rate must be at least 1 event per second, got " + rate);
        }
        return rate;
    }

    /** {@code value}, refused when present and below 1. */
    static Integer atLeastOne(String option, Integer value) {
        if (value != null && value < 1) {
            throw new UserError(ExitCode.USAGE, option + " must be at least 1, got " + value);
        }
        return value;
    }
}
