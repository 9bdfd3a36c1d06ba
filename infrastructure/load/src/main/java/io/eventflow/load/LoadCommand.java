package io.eventflow.load;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Endpoint;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.Seed;
import io.eventflow.runtime.cli.EngineOptions;
import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.TemplateOptions;
import io.eventflow.runtime.cli.UserError;
import io.eventflow.runtime.cli.Verb;
import io.eventflow.runtime.ops.StateDir;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./eventflow load}: an open-loop load run ({@link OpenLoop}) against the template's functions run in this
 * process (default), a running `up` or another API on this machine (--url), a deployed stack (--stack), or a remote
 * URL named with --allow-remote. stdout: one JSON summary line, then the paths of report.json and report.html;
 * progress on stderr. Exit 0 when every order was accepted and settled, 1 when not (the run still reports).
 */
@Command(
        name = "load",
        sortOptions = false,
        description = {
            "Send orders open loop (each at its intended time, whatever the answers; latency from the intended time: no"
                    + " coordinated omission) at --rate orders/s for --duration s, or a ramp to --ramp-to in --steps steps;"
                    + " then drain and report throughput, end-to-end and per-hop latency percentiles from the stored events'"
                    + " timestamps, queue depths, HTTP errors and throttles, and where latency bent.",
            "Target: the template's functions in this process on an embedded emulator (default); --url a running `up`"
                    + " or another API on the loopback address; --stack NAME a deployed stack (SigV4 when its ApiAuth is IAM);"
                    + " a remote --url only with --allow-remote.",
            "stdout: one JSON summary line, then the report's paths (report.json, report.html). Exit 0: every order"
                    + " accepted and settled; 1: not (the report says which)."
        })
public final class LoadCommand implements Callable<Integer>, Verb {
    @ParentCommand
    Cli cli;

    @Option(
            names = "--rate",
            defaultValue = "10",
            paramLabel = "N",
            description = "orders per second (the ramp's first step; default ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "30",
            paramLabel = "S",
            description = "seconds of sending, 1..3600 (default ${DEFAULT-VALUE})")
    int duration;

    @Option(
            names = "--ramp-to",
            paramLabel = "N",
            description = "ramp: equal steps from --rate to N orders/s over --duration, and the knee")
    Double rampTo;

    @Option(
            names = "--steps",
            defaultValue = "5",
            paramLabel = "K",
            description = "steps of the ramp, 2..20 (default ${DEFAULT-VALUE})")
    int steps;

    @Option(
            names = "--mix",
            defaultValue = Mix.DEFAULT,
            paramLabel = "PATH=SHARE,...",
            description =
                    "how orders are meant to end: shipped, stock (cancelled, no stock), payment (declined) (default ${DEFAULT-VALUE})")
    String mix;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "which order takes which path (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--max-rate",
            defaultValue = "50",
            paramLabel = "N",
            description = "the ceiling: a higher --rate or --ramp-to is refused (default ${DEFAULT-VALUE})")
    double maxRate;

    @Option(
            names = "--knee-factor",
            defaultValue = "2",
            paramLabel = "K",
            description = "latency has bent where a step's p99 exceeds K x the first step's (default ${DEFAULT-VALUE})")
    double kneeFactor;

    @Option(
            names = "--drain-timeout",
            defaultValue = "120",
            paramLabel = "S",
            description =
                    "how long to wait for the orders to settle after the last send, 0..3600 (default ${DEFAULT-VALUE})")
    int drainTimeout;

    @Option(
            names = "--request-timeout",
            defaultValue = "10",
            paramLabel = "S",
            description = "how long one POST may take, 1..300 (default ${DEFAULT-VALUE})")
    int requestTimeout;

    @Option(
            names = "--sample-seconds",
            defaultValue = "2",
            paramLabel = "S",
            description = "how often queue depths are sampled, 1..60 (default ${DEFAULT-VALUE})")
    int sampleSeconds;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "the API to load (a running `up`: http://127.0.0.1:3000); loopback only, unless --allow-remote")
    String url;

    @Option(names = "--allow-remote", description = "let --url name a host that is not a loopback address")
    boolean allowRemote;

    @Option(
            names = "--stack",
            paramLabel = "NAME",
            description = "a deployed stack: its ApiUrl output, event store and queues (AWS credentials of the caller)")
    String stack;

    @Option(
            names = "--region",
            paramLabel = "R",
            description = "the stack's region (default: the SDK's, e.g. AWS_REGION)")
    String region;

    @Option(
            names = "--sku",
            paramLabel = "SKU",
            description = "with --url/--stack: a SKU the target has in stock (default SKU-001, which `up` seeds)")
    String sku;

    @Option(
            names = "--empty-sku",
            paramLabel = "SKU",
            description = "with --url/--stack: a SKU the target has none of (default SKU-OUT)")
    String emptySku;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "where report.json and report.html go (default .eventflow/load/<run>)")
    Path out;

    @Mixin
    TemplateOptions template;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Mix parsedMix = check();
        Schedule schedule =
                rampTo == null ? Schedule.constant(rate, duration) : Schedule.ramp(rate, rampTo, steps, duration);
        if (schedule.size() == 0) {
            throw new UserError(
                    ExitCode.USAGE,
                    "--rate " + Guard.fmt(rate) + " for " + duration + " s sends no order: raise either");
        }
        Report.Plan plan = new Report.Plan(
                rampTo == null ? "constant" : "ramp",
                rate,
                rampTo,
                schedule.steps().size(),
                duration,
                parsedMix.shares(),
                seed,
                maxRate,
                kneeFactor,
                drainTimeout,
                requestTimeout);
        StateDir state = template.state();
        String runId = StateDir.runId(java.time.Instant.now());
        Path dir = out != null ? out : state.root().resolve("load").resolve(runId);
        Files.createDirectories(dir);
        Report report;
        try (Target target = target(state, dir)) {
            report = new LoadRun(target, plan, schedule, parsedMix, cli.err()).run(sampleSeconds);
        }
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        write(
                json,
                Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        write(html, HtmlReport.render(report));
        cli.out().println(report.summary());
        cli.out().println("report " + html.toAbsolutePath() + " (JSON: " + json.toAbsolutePath() + ")");
        boolean complete = report.counts().accepted() == report.counts().sent()
                && report.counts().unsettled() == 0;
        return complete ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Every option checked before anything starts; the mix parsed. */
    Mix check() {
        Guard.rate("--rate", rate, maxRate);
        if (rampTo != null) {
            Guard.rate("--ramp-to", rampTo, maxRate);
            if (steps < 2 || steps > 20) {
                throw new UserError(ExitCode.USAGE, "--steps must be 2..20, got " + steps);
            }
        }
        if (!(maxRate > 0)) {
            throw new UserError(ExitCode.USAGE, "--max-rate must be > 0, got " + maxRate);
        }
        range("--duration", duration, 1, 3600);
        range("--drain-timeout", drainTimeout, 0, 3600);
        range("--request-timeout", requestTimeout, 1, 300);
        range("--sample-seconds", sampleSeconds, 1, 60);
        if (!(kneeFactor > 1)) {
            throw new UserError(ExitCode.USAGE, "--knee-factor must be > 1, got " + kneeFactor);
        }
        if (url != null && stack != null) {
            throw new UserError(ExitCode.USAGE, "--url and --stack name two targets: pass one");
        }
        if (allowRemote && url == null) {
            throw new UserError(ExitCode.USAGE, "--allow-remote only applies to --url");
        }
        if (region != null && stack == null) {
            throw new UserError(ExitCode.USAGE, "--region only applies to --stack");
        }
        if ((sku != null || emptySku != null) && url == null && stack == null) {
            throw new UserError(
                    ExitCode.USAGE, "--sku and --empty-sku apply to --url and --stack (a local run seeds its own)");
        }
        if (url != null) {
            Guard.url(url, allowRemote);
        }
        try {
            return Mix.parse(mix);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UserError(ExitCode.USAGE, option + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private Target target(StateDir state, Path dir) throws IOException {
        Mix.Catalog given = new Mix.Catalog(sku != null ? sku : "SKU-001", emptySku != null ? emptySku : "SKU-OUT");
        if (stack != null) {
            return StackTarget.of(stack, region, given);
        }
        if (url != null) {
            URI api = Guard.url(url, allowRemote);
            Optional<StateDir.Running> up = state.running();
            if (up.isPresent() && up.get().isApi(api)) {
                Endpoint.saved(state.runningEndpoints());
                return new Target.Up(api, given, template.load(), new Clients(), state.invocations());
            }
            return new Target.Url(api, given);
        }
        return local(dir);
    }

    /** The template's functions in this process, on an emulator of their own (never a running `up`'s). */
    private Target local(Path dir) throws IOException {
        engine.apply();
        template.offline();
        Endpoint ep;
        try {
            ep = Endpoint.connect(null, dir);
        } catch (RuntimeException e) {
            throw new UserError(
                    ExitCode.ENVIRONMENT,
                    "cannot start the emulator (" + e.getMessage() + "): run `./eventflow setup`",
                    e);
        }
        PrintStream functions =
                new PrintStream(Files.newOutputStream(dir.resolve("functions.log")), true, StandardCharsets.UTF_8);
        LocalRuntime runtime = null;
        try {
            Template app = template.load();
            Clients clients = new Clients();
            runtime = new LocalRuntime(
                    app,
                    clients,
                    new LocalRuntime.Options(
                            0,
                            5,
                            LocalRuntime.LONG_POLL_SECONDS,
                            LocalRuntime.STREAM_POLL_MILLIS,
                            200,
                            Map.of(),
                            false),
                    functions,
                    functions,
                    hop -> {});
            runtime.start();
            String table = app.table("InventoryTable")
                    .orElseThrow(() -> UserError.input("template has no InventoryTable to seed the load's SKUs into"))
                    .name();
            // Stock enough for any run (the ceiling times the longest run), and none of the empty SKU.
            clients.dynamo.putItem(b ->
                    b.tableName(table).item(Seed.item(Target.Local.CATALOG.stocked(), 1_000_000_000L, 1250L, "EUR")));
            clients.dynamo.putItem(
                    b -> b.tableName(table).item(Seed.item(Target.Local.CATALOG.empty(), 0, 500L, "EUR")));
            LocalRuntime started = runtime;
            cli.err()
                    .println("load: " + ep.describe() + ", " + app.functions().size()
                            + " functions, API http://127.0.0.1:" + runtime.port() + "; function logs: "
                            + dir.resolve("functions.log"));
            return new Target.Local(
                    runtime,
                    () -> {
                        started.close();
                        ep.close();
                        functions.close();
                    },
                    "the template's functions in this process on " + ep.describe());
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            ep.close();
            functions.close();
            throw e;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
