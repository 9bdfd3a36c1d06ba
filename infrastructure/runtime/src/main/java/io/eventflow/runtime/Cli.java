package io.eventflow.runtime;

import io.eventflow.runtime.cli.BenchCommand;
import io.eventflow.runtime.cli.ErrorReport;
import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.HopLine;
import io.eventflow.runtime.cli.InspectCommand;
import io.eventflow.runtime.cli.InvokeCommand;
import io.eventflow.runtime.cli.LauncherVerbs;
import io.eventflow.runtime.cli.LogsCommand;
import io.eventflow.runtime.cli.OpsCommands;
import io.eventflow.runtime.cli.PublishCommand;
import io.eventflow.runtime.cli.TraceCommand;
import io.eventflow.runtime.cli.UpCommand;
import io.eventflow.runtime.cli.Verb;
import io.eventflow.runtime.cli.VersionInfo;
import io.eventflow.runtime.sources.Activity;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./eventflow}: every verb is a picocli command (io.eventflow.runtime.cli), so each one refuses unknown
 * options with a suggestion, has --help, and types its values; errors are one line with a documented exit code
 * ({@link ExitCode}). stdout carries only results (response JSON, hop lines, summaries); everything else goes
 * to stderr. Verbs of other modules (chaos) join through {@link Verb} (ServiceLoader).
 */
@Command(
        name = "eventflow",
        sortOptions = false,
        description = {
            "The Docker-free local runtime of eventflow: the whole topology of template.yaml on one machine.",
            "",
            "Exit codes: 0 ok; 1 what ran failed (a handler error, a demo or chaos check); 2 usage; 3 bad input"
                    + " (file, function, queue, order, template); 4 environment (no running `up`, port in use, endpoint"
                    + " down); 70 internal error (--debug prints its stack trace).",
            ""
        },
        subcommands = {
            InvokeCommand.class,
            UpCommand.class,
            PublishCommand.class,
            InspectCommand.class,
            TraceCommand.class,
            LogsCommand.class,
            OpsCommands.Replay.class,
            OpsCommands.Recover.class,
            OpsCommands.Redrive.class,
            OpsCommands.RebuildProjection.class,
            BenchCommand.class,
            LauncherVerbs.Setup.class,
            LauncherVerbs.Test.class
        },
        footer = {"", "`./eventflow <verb> --help` explains one verb."})
public final class Cli implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "on an error, print its stack trace too")
    boolean debug;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // Handlers share this JVM: whatever they print must not mix with the results on stdout.
        System.setOut(stderr);
        int code = new Cli(stdout, stderr).run(args);
        stdout.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code (never throws for user errors). */
    public int run(String... args) {
        return commandLine().execute(args);
    }

    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        for (Verb verb : ServiceLoader.load(Verb.class)) {
            cl.addSubcommand(verb);
        }
        if (!cl.getSubcommands().containsKey("chaos")) {
            cl.addSubcommand(new LauncherVerbs.ChaosMissing());
        }
        if (!cl.getSubcommands().containsKey("capacity")) {
            cl.addSubcommand(new LauncherVerbs.CapacityMissing());
        }
        standardOptions(cl);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(new ErrorReport.Usage(err));
        cl.setExecutionExceptionHandler(new ErrorReport.Execution(err, () -> debug));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** --help/-h and --version on every verb, defined once here. */
    private static void standardOptions(CommandLine cl) {
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        cl.getCommandSpec().versionProvider(new VersionInfo());
        cl.getSubcommands().values().forEach(Cli::standardOptions);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        err.println("eventflow: which verb? (see above)");
        return ExitCode.USAGE;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean debug() {
        return debug;
    }

    /** Blocks until {@link #stop()} (a serving `up`); tests stop an in-process `up` this way. */
    public void awaitStop() throws InterruptedException {
        stop.await();
    }

    public void stop() {
        stop.countDown();
    }

    /** One hop as `up` prints it ({@link HopLine}), for code that prints hops the way `up` does (DemoIT). */
    public static String describe(Activity.Hop h) {
        return HopLine.of(h);
    }
}
