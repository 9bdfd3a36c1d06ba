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
            description = {
                "Find a JDK >= 21 (JAVA_HOME, /usr/lib/jvm, /opt/java, PATH) and install the pinned Python tools of"
                        + " requirements-dev.txt (moto server, cfn-lint, AWS SAM CLI) into .venv and LocalStack"
                        + " (requirements-localstack.txt, Python >= 3.13) into .venv-localstack; as root with apt-get,"
                        + " Debian's chromium and chromium-driver (the console's browser test needs them)."
            })
    public static final class Setup implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new UserError(ExitCode.USAGE, "setup runs in the launcher: ./eventflow setup");
        }
    }

    @Command(
            name = "test",
            description = {
                "The whole test suite (docs/TESTING.md): setup, the moto patch check and one build (mvn install"
                        + " -DskipTests), then on two lanes a 2,000-order chaos run beside Maven's engine passes, one after"
                        + " the other: -Pengine-moto (unit tests, every integration test on moto) and -Pengine-localstack"
                        + " (the integration tests not tagged moto-only, on LocalStack + moto). Each phase's output:"
                        + " .eventflow/test/<phase>.log, printed when it ends; the last lines say where the time went.",
                "With AWS_ENDPOINT_URL or a -P<profile> (e.g. -Plocalstack, -Pfloci: Docker): one pass there, then the"
                        + " chaos run. EVENTFLOW_CHAOS_ORDERS=N resizes the chaos run (0 skips it); EVENTFLOW_TEST_LOAD=N"
                        + " keeps N CPU workers busy for the whole run.",
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
