package io.eventflow.runtime.cli;

import io.eventflow.emulator.Template;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Demo;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.Seed;
import io.eventflow.runtime.Tee;
import io.eventflow.runtime.console.Console;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.trace.InvocationLog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code up}: the whole topology in this process, until Ctrl-C (or, with --demo, until the demo is checked). */
@Command(
        name = "up",
        sortOptions = false,
        description = {
            "Provision template.yaml (on an embedded moto, or --endpoint) and run every function's event"
                    + " sources in this process with Lambda's semantics; serve the HttpApi on http://127.0.0.1:PORT.",
            "stdout: one line per invoke (time, order, events, function, outcome, duration, `replay`), then"
                    + " `ready http://127.0.0.1:PORT` (or, with --demo, the demo's lines and one JSON summary).",
            "Function logs: .eventflow/logs/functions.jsonl (`./eventflow logs`); every invoke:"
                    + " .eventflow/logs/invocations.jsonl (`./eventflow trace`). --verbose also prints Lambda's"
                    + " START/END/REPORT lines, EMF metrics, the event sources and the scaled visibility timeouts.",
            "One `up` per checkout: it owns .eventflow/runtime.json (its pid inside) and removes it on exit."
        })
public final class UpCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Mixin
    TemplateOptions template;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    EnvOptions env;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--port",
            defaultValue = "3000",
            paramLabel = "N",
            description = "HTTP API port on 127.0.0.1 (0 = any free port; default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--demo",
            description =
                    "place the demo orders and a poison message, wait until quiescent, check, print a JSON summary, exit")
    boolean demo;

    @Option(
            names = "--demo-timeout",
            defaultValue = "120",
            paramLabel = "SECONDS",
            description = "how long the demo may take (default ${DEFAULT-VALUE})")
    int demoTimeout;

    @Option(names = "--keep", description = "with --demo: keep serving after the summary, until Ctrl-C")
    boolean keep;

    @Option(
            names = "--visibility-timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description =
                    "cap on queue visibility timeouts, so failed messages come back in seconds (0 = as in the template; default ${DEFAULT-VALUE})")
    int visibility;

    @Option(
            names = {"--verbose", "-v"},
            description = "also print Lambda's START/END/REPORT lines, EMF metrics, function logs and setup details")
    boolean verbose;

    @Option(
            names = {"--quiet", "-q"},
            description = "no hop lines (only `ready`, or the demo summary)")
    boolean quiet;

    @Option(
            names = "--skip-missing",
            description = "run without functions whose handler class is not on the classpath (they are listed)")
    boolean skipMissing;

    @Option(
            names = "--no-console",
            description =
                    "do not serve the browser console (http://127.0.0.1:PORT/_console/: topology, live counts, orders, dead letters, replay)")
    boolean noConsole;

    private volatile ControlServer closeControl;

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out();
        PrintStream err = cli.err();
        check();
        engine.apply();
        StateDir state = template.state();
        Optional<StateDir.Running> running = state.running();
        if (running.isPresent()) {
            throw UserError.environment("an `up` is already running in this checkout (pid "
                    + running.get().pid() + ", API " + running.get().api()
                    + "): use it (invoke, inspect, trace, curl), or stop it first (Ctrl-C in its terminal)");
        }
        template.offline(); // a broken template fails before anything starts
        if (port != 0) {
            requireFreePort(port);
        }
        Optional<String> url = endpoint.explicit(state, err);
        state.startRun();

        PrintStream runtimeFile = Tee.of(null, state.runtimeLog());
        PrintStream functionLog = Tee.of(verbose ? err : null, state.functionLogs());
        // Each function's captured output, split as CloudWatch shows it: its JSON log lines to functions.jsonl;
        // EMF, START/END/REPORT and the runtime's own lines to runtime.log, on stderr with --verbose ([runtime]
        // warnings always).
        PrintStream lambdaLog = LineRouter.of(line -> {
            if (line.startsWith("{") && !line.startsWith("{\"_aws\"")) {
                functionLog.println(line);
                return;
            }
            runtimeFile.println(line);
            if (verbose || line.startsWith("[runtime]")) {
                err.println(line);
            }
        });
        PrintStream setupNotes = LineRouter.of(line -> {
            runtimeFile.println(line);
            if (line.startsWith("skipped:")) {
                err.println(line);
            } else if (verbose) {
                err.println(VisibilityNote.table(line));
            }
        });
        PrintStream invocations = Tee.of(null, state.invocations());
        PrintStream failures = Tee.of(null, state.failures());

        Endpoint ep = connect(url, state);
        Template app = template.load();
        Clients clients = new Clients();
        LocalRuntime.Options options = new LocalRuntime.Options(
                port,
                visibility,
                LocalRuntime.LONG_POLL_SECONDS,
                LocalRuntime.STREAM_POLL_MILLIS,
                200,
                env.env(),
                skipMissing);
        LocalRuntime runtime = new LocalRuntime(app, clients, options, setupNotes, lambdaLog, hop -> {
            if (!quiet) {
                out.println(HopLine.of(hop));
            }
            invocations.println(InvocationLog.line(hop));
            if (!hop.failedItems().isEmpty()) {
                failures.println(Json.write(Map.of(
                        "time",
                        hop.time().toString(),
                        "function",
                        hop.function(),
                        "source",
                        hop.source(),
                        "outcome",
                        hop.outcome(),
                        "items",
                        hop.failedItems())));
            }
        });
        AtomicBoolean stopped = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Console> console =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable cleanup = () -> {
            if (stopped.compareAndSet(false, true)) {
                if (console.get() != null) {
                    console.get().close();
                }
                if (closeControl != null) {
                    closeControl.close();
                }
                runtime.close();
                ep.close();
                state.clearRuntime();
            }
        };
        Thread hook = new Thread(
                () -> {
                    cli.stop();
                    cleanup.run();
                },
                "eventflow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Demo prepared = demo ? new Demo(runtime, clients, out).prepare() : null;
        try {
            startRuntime(runtime);
            if (!noConsole) {
                console.set(Console.attach(runtime, ep.url(), state, err));
            }
            Map<String, Long> seed =
                    Seed.inventory(clients, app, template.root().resolve("events/inventory/seed-stock.json"));
            if (verbose) {
                if (!seed.isEmpty()) {
                    err.println("seeded "
                            + app.table("InventoryTable").orElseThrow().name() + " with " + seed);
                }
                err.print("event sources:\n" + runtime.describeSources());
            }
            String storeTable = app.table("EventStoreTable")
                    .map(io.eventflow.emulator.template.Model.Table::name)
                    .orElse(null);
            ControlServer control = new ControlServer(
                    runtime,
                    storeTable == null ? null : new io.eventflow.store.DynamoDbEventStore(clients.dynamo, storeTable));
            closeControl = control;
            String runId = StateDir.runId(Instant.now());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("endpoint", ep.url());
            info.put("endpoints", ep.environment());
            info.put("port", runtime.port());
            info.put("api", "http://127.0.0.1:" + runtime.port());
            info.put("runId", runId);
            info.put("startedAt", Instant.now().toString());
            info.put("template", app.path().toString());
            info.put("parameters", app.parameters());
            info.put("control", Map.of("port", control.port(), "token", control.token()));
            state.writeRuntime(info);
            err.println("up: endpoint " + ep.describe() + ", account "
                    + app.account().id() + ", " + app.functions().size()
                    + " functions; API http://127.0.0.1:" + runtime.port()
                    + "; logs: ./eventflow logs, an order: ./eventflow trace ORD-..."
                    + (console.get() == null ? "" : "; console " + console.get().url()));
            if (!demo) {
                out.println("ready http://127.0.0.1:" + runtime.port());
                cli.awaitStop();
                return ExitCode.OK;
            }
            Demo.Result result = prepared.run(seed, demoTimeout * 1000L);
            out.println(result.json());
            if (keep) {
                err.println(
                        "up: demo done; still serving http://127.0.0.1:" + runtime.port() + " until Ctrl-C (--keep)");
                cli.awaitStop();
            }
            return result.passed() ? ExitCode.OK : ExitCode.FAILED;
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it did the cleanup
            }
        }
    }

    private void check() {
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCode.USAGE, "--port must be 0..65535 (0 = any free port), got " + port);
        }
        if (demoTimeout < 1) {
            throw new UserError(ExitCode.USAGE, "--demo-timeout must be at least 1 second, got " + demoTimeout);
        }
        if (visibility < 0) {
            throw new UserError(ExitCode.USAGE, "--visibility-timeout must be >= 0 seconds, got " + visibility);
        }
        if (keep && !demo) {
            throw new UserError(
                    ExitCode.USAGE, "--keep only applies with --demo (without --demo, `up` keeps serving anyway)");
        }
        if (verbose && quiet) {
            throw new UserError(ExitCode.USAGE, "--verbose and --quiet contradict each other: pass one");
        }
    }

    static void requireFreePort(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw portInUse(port);
        }
    }

    static UserError portInUse(int port) {
        return UserError.environment(
                "port " + port + " on 127.0.0.1 is in use (another `up`, or another program): pass --port N"
                        + " for another port, or --port 0 for any free one");
    }

    private Endpoint connect(Optional<String> url, StateDir state) {
        engine.apply();
        if (url.isPresent()) {
            return EndpointOptions.connect(url.get(), state);
        }
        try {
            return Endpoint.connect(null, state.root());
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(
                    ExitCode.ENVIRONMENT,
                    "cannot start the emulator (" + e.getMessage()
                            + "): run `./eventflow setup`, or pass --endpoint URL",
                    e);
        }
    }

    private void startRuntime(LocalRuntime runtime) {
        try {
            runtime.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw portInUse(port);
            }
            throw e;
        }
    }
}
