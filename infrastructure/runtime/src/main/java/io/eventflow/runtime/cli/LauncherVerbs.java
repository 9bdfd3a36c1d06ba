package io.eventflow.runtime.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Verbs the bash launcher runs itself (they set up the JDK and Python tools before any JVM of ours runs); listed
 * here so `./eventflow --help` shows every verb in one place.
 */
public final class LauncherVerbs {
    private LauncherVerbs() {}

    @Command(
            name = "setup",
            description = "Find a JDK >= 21 and install the pinned Python tools (requirements-dev.txt) into .venv.")
    public static final class Setup implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new UserError(ExitCode.USAGE, "setup runs in the launcher: ./eventflow setup");
        }
    }

    @Command(
            name = "test",
            description = {
                "The whole test suite: setup and one build, the moto patch check, then side by side"
                        + " a 2,000-order chaos run (EVENTFLOW_CHAOS_ORDERS=N resizes it, 0 skips it), the unit and integration tests on moto"
                        + " and the messaging integration tests on LocalStack.",
                "Extra arguments go to Maven: -P<profile>, -D<property>=<value>."
            })
    public static final class Test implements Callable<Integer> {
        @Unmatched
        List<String> mavenArgs;

        @Override
        public Integer call() {
            throw new UserError(ExitCode.USAGE, "test runs in the launcher: ./eventflow test");
        }
    }

    /** Stands in for `capacity` when its module is not on the classpath (the launcher adds it for that verb only). */
    @Command(
            name = "capacity",
            description =
                    "The AWS capacity and cost model from measured per-order call counts (./eventflow capacity --help).")
    public static final class CapacityMissing implements Callable<Integer> {
        @Unmatched
        List<String> args;

        @Override
        public Integer call() {
            throw UserError.environment("capacity is not on this classpath: run it through ./eventflow capacity");
        }
    }

    /** Stands in for `chaos` when its module is not on the classpath (e.g. running the runtime's jar alone). */
    @Command(
            name = "chaos",
            description =
                    "Drive the topology with injected faults, then check the invariants (./eventflow chaos --help).")
    public static final class ChaosMissing implements Callable<Integer> {
        @Unmatched
        List<String> args;

        @Override
        public Integer call() {
            throw UserError.environment("chaos is not on this classpath: run it through ./eventflow chaos");
        }
    }
}
