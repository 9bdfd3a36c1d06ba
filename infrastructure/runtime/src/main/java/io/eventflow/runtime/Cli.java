package io.eventflow.runtime;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.Inspect;
import io.eventflow.runtime.ops.Logs;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.template.AppTemplate;
import io.eventflow.runtime.template.TemplateException;
import io.eventflow.store.DynamoDbEventStore;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Docker-free local runtime behind {@code ./eventflow}: invoke | up [--demo] | publish | inspect | logs.
 * stdout carries only results (the response JSON, `ready ...`, hop lines and the demo summary); function
 * output (System.out of handlers, JSON logs, EMF metrics, START/END/REPORT lines) goes to stderr.
 */
public final class Cli {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        // Handlers share this JVM: whatever they print must not mix with the results on stdout.
        System.setOut(stderr);
        int code;
        try {
            code = new Cli(stdout, stderr).run(args);
        } catch (TemplateException | IllegalArgumentException | IllegalStateException e) {
            stderr.println("eventflow: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            stderr.println("eventflow: " + e);
            code = 1;
        }
        stdout.flush();
        System.exit(code);
    }

    /** Options common to every verb, then the verb's own. */
    static final class Args {
        final List<String> positional = new ArrayList<>();
        final Map<String, List<String>> options = new LinkedHashMap<>();

        Args(List<String> args, List<String> flags) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    String name = a.substring(2);
                    String value;
                    if (name.contains("=")) {
                        value = name.substring(name.indexOf('=') + 1);
                        name = name.substring(0, name.indexOf('='));
                    } else if (flags.contains(name)) {
                        value = "true";
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    positional.add(a);
                }
            }
        }

        String get(String name) {
            List<String> v = options.get(name);
            return v == null ? null : v.get(v.size() - 1);
        }

        boolean has(String name) {
            return options.containsKey(name);
        }

        Map<String, String> pairs(String name) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : options.getOrDefault(name, List.of())) {
                int eq = kv.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--" + name + " takes KEY=VALUE, got " + kv);
                }
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return m;
        }
    }

    static final String USAGE = """
            usage: eventflow <verb> [options]   (java -cp target/classes:$(cat target/classpath.txt) io.eventflow.runtime.Cli)
              invoke <FunctionLogicalId> --event <file.json> [--env KEY=VALUE]... [--endpoint URL | --emulator E]
              up [--endpoint URL | --emulator moto|localstack] [--port N] [--demo] [--demo-timeout S] [--visibility-timeout S] [--quiet]
                 [--env KEY=VALUE]... [--skip-missing] [--keep] [--no-console]
              publish <file.json> [--endpoint URL]
              inspect [--json] [--endpoint URL]
              logs [--follow] [--correlation-id X]
              replay (--stream ID | --types T1,T2) [--from ISO] [--to ISO] [--target bus|rule:NAME] [--rate N]
                     [--max-events N] [--dry-run] [--endpoint URL]
              redrive <dlq-name> [--inspect] [--max N] [--endpoint URL]
              rebuild-projection [--endpoint URL]
            common: --template PATH (default <checkout>/template.yaml), --param NAME=VALUE (template parameter)
            endpoints: --endpoint URL (else AWS_ENDPOINT_URL) is the default; AWS_ENDPOINT_URL_<SERVICE> wins per service.
              Without either, --emulator (else EVENTFLOW_EMULATOR, else moto) starts an engine for the run: moto (every
              service), or localstack (LocalStack on the host for SQS/SNS/EventBridge/SES/STS, moto for DynamoDB).
            <verb> --help explains one verb.""";

    int run(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.println(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String verb = argv[0];
        Args a = new Args(List.of(argv).subList(1, argv.length), List.of("help", "demo", "keep", "json", "follow", "quiet",
                "skip-missing", "dry-run", "inspect", "no-console"));
        if (a.get("emulator") != null) {
            System.setProperty("eventflow.emulator", a.get("emulator")); // read by Emulator.selectedEngine()
        }
        if (a.has("help")) {
            out.println(help(verb));
            return 0;
        }
        return switch (verb) {
            case "invoke" -> invoke(a);
            case "up" -> up(a);
            case "publish" -> publish(a);
            case "inspect" -> inspect(a);
            case "logs" -> logs(a);
            case "replay" -> replay(a);
            case "redrive" -> redrive(a);
            case "rebuild-projection" -> rebuildProjection(a);
            default -> {
                err.println("unknown verb " + verb + "\n" + USAGE);
                yield 2;
            }
        };
    }

    static String help(String verb) {
        return switch (verb) {
            case "invoke" -> """
                    invoke <FunctionLogicalId> --event <file.json> [--env KEY=VALUE]... [--endpoint URL | --emulator moto|localstack]
                      The Docker-free `sam local invoke -e`: one synchronous invoke of the handler named by template.yaml,
                      with its Environment (plus --env overrides) and Timeout. The event JSON is deserialized as the
                      Lambda Java runtime does (aws-lambda-java-serialization). stdout: the response JSON only, or
                      Lambda's error JSON {"errorMessage","errorType"} with exit code 1. Function logs go to stderr.
                      Without --endpoint (or AWS_ENDPOINT_URL) the engine of --emulator (default moto) is started and the
                      template provisioned (and InventoryTable seeded) first, so the handler finds its resources. The
                      endpoint's STS must answer: the function's ARN is built in the account it reports.""";
            case "up" -> """
                    up [--endpoint URL | --emulator moto|localstack] [--port N] [--demo] [--demo-timeout S] [--visibility-timeout S] [--quiet]
                       [--env KEY=VALUE]... [--skip-missing] [--no-console]
                      --keep: after --demo, keep serving until Ctrl-C (to inspect).
                      The browser console (topology, live counts, orders, dead letters, replay) is served at
                      http://127.0.0.1:N/_console/; --no-console leaves it out.
                      --env sets a variable for every function; --skip-missing runs without functions whose handler
                      class is not on the classpath (they are listed) instead of failing.
                      Provisions template.yaml (on the --emulator engine unless --endpoint) and runs every event source in-process
                      with Lambda's semantics: SQS pollers (BatchSize, batching window, ReportBatchItemFailures, redrive
                      by the queue), DynamoDB stream pollers (per shard in order, bisect, retries, OnFailure), EventBridge
                      rules and SNS subscriptions (delivered by the emulator), HttpApi routes on http://127.0.0.1:N
                      (default 3000; 0 = any). Prints `ready http://127.0.0.1:N`, then one line per hop. Queue visibility
                      timeouts are capped at --visibility-timeout (default 5 s) so retries happen in seconds; the
                      output says which were scaled. Function logs: stderr (not with --quiet) and .eventflow/logs/functions.jsonl.
                      --demo: places demo orders, sends a poison message, waits until quiescent (bounded by
                      --demo-timeout, default 120 s), prints one JSON summary line and exits 0 only if everything held.""";
            case "publish" -> """
                    publish <file.json> [--endpoint URL]
                      Appends one envelope (or a JSON list of them) to the event store, validated against the schemas;
                      the relay then publishes it. Endpoint: --endpoint, else the running `up` (.eventflow/runtime.json).""";
            case "replay" -> """
                    replay (--stream ID | --types T1,T2) [--from ISO] [--to ISO] [--target bus|rule:NAME] [--rate N]
                           [--max-events N] [--dry-run] [--endpoint URL]
                      Re-sends stored events (upcast, marked replay:true, original eventId) through ReplayFunction to
                      the bus or to one rule's SQS targets, rate-limited (default 50/s); --dry-run only counts.
                      Consumers are idempotent per eventId, so their effects do not change. Default window: the last 24 h.
                      Endpoint: --endpoint, else the running `up`.""";
            case "redrive" -> """
                    redrive <dlq-name> [--inspect] [--max N] [--endpoint URL]
                      Through DlqRedriveFunction: --inspect lists dead letters with their failure reasons and targets;
                      otherwise moves each back to the queue it failed for (an EventBridge dead letter to its TARGET_ARN,
                      others to the queue whose RedrivePolicy names the DLQ; StartMessageMoveTask only for a queue's own
                      DLQ, else receive -> send -> delete) and reports the counts. Endpoint: --endpoint, else the running `up`.""";
            case "rebuild-projection" -> """
                    rebuild-projection [--endpoint URL]
                      Rebuilds every order's view in OrderViewTable from the event store alone; reports how many views
                      it changed (0: the live projection already equalled the store). Endpoint: as for replay.""";
            case "inspect" -> """
                    inspect [--json] [--endpoint URL]
                      Event counts per type and stream, queue and DLQ depths with the reason each DLQ message failed,
                      and the read model.""";
            case "logs" -> """
                    logs [--follow] [--correlation-id X]
                      The functions' JSON log lines written by `up` (.eventflow/logs/functions.jsonl).""";
            default -> USAGE;
        };
    }

    // ------------------------------------------------------------------ verbs

    /** The checkout (state in .eventflow/, seed stock in events/); a template outside any checkout: its folder. */
    private Path root(Args a) {
        try {
            return RepoRoot.find();
        } catch (IllegalStateException outsideCheckout) {
            if (a.get("template") == null) {
                throw outsideCheckout;
            }
            return Path.of(a.get("template")).toAbsolutePath().getParent();
        }
    }

    private StateDir state(Args a) {
        return new StateDir(root(a).resolve(".eventflow"));
    }

    private AppTemplate template(Args a, Endpoint endpoint) {
        Path path = a.get("template") != null ? Path.of(a.get("template")) : RepoRoot.find().resolve("template.yaml");
        return AppTemplate.load(path, a.pairs("param"), io.eventflow.runtime.template.Account.discover(), QueueUrls.ofEndpoint());
    }

    private int invoke(Args a) throws Exception {
        if (a.positional.size() != 1 || a.get("event") == null) {
            err.println(help("invoke"));
            return 2;
        }
        String logicalId = a.positional.get(0);
        String event = Files.readString(Path.of(a.get("event")));
        JsonLog.redirect(err);
        Metrics.redirect(err);
        try (Endpoint endpoint = Endpoint.connect(a.get("endpoint") != null ? a.get("endpoint") : System.getenv("AWS_ENDPOINT_URL"),
                state(a).root())) {
            AppTemplate template = template(a, endpoint);
            var function = template.function(logicalId);
            FunctionContainer container = new FunctionContainer(function, a.pairs("env"), err);
            if (endpoint.isEmbedded()) {
                Clients clients = new Clients();
                new Provisioner(clients, err).provision(template, 0);
                Seed.inventory(clients, template, root(a).resolve("events/inventory/seed-stock.json"));
            }
            return invokeOnce(container, event);
        }
    }

    private int up(Args a) throws Exception {
        StateDir state = state(a);
        boolean quiet = a.has("quiet");
        PrintStream functionLog = Tee.of(quiet ? null : err, state.functionLogs());
        PrintStream failures = Tee.of(null, state.failures());
        JsonLog.redirect(functionLog);
        Metrics.redirect(quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : err);
        int port = a.get("port") == null ? 3000 : Integer.parseInt(a.get("port"));
        int visibility = a.get("visibility-timeout") == null ? 5 : Integer.parseInt(a.get("visibility-timeout"));
        Endpoint endpoint = Endpoint.connect(a.get("endpoint") != null ? a.get("endpoint") : System.getenv("AWS_ENDPOINT_URL"), state.root());
        AppTemplate template = template(a, endpoint);
        Clients clients = new Clients();
        LocalRuntime.Options options = new LocalRuntime.Options(port, visibility, 1, 200, 200, a.pairs("env"),
                a.has("skip-missing"));
        LocalRuntime runtime = new LocalRuntime(template, clients, options, out, quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : err,
                hop -> {
                    out.println(describe(hop));
                    if (!hop.failedItems().isEmpty()) {
                        failures.println(Json.write(Map.of("time", hop.time().toString(), "function", hop.function(),
                                "source", hop.source(), "outcome", hop.outcome(), "items", hop.failedItems())));
                    }
                });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            endpoint.close();
            state.clearRuntime();
            stopped.countDown();
        }, "eventflow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("endpoint " + endpoint.describe() + ", account " + template.account().id());
        runtime.start();
        Map<String, Long> seed = Seed.inventory(clients, template, root(a).resolve("events/inventory/seed-stock.json"));
        if (!seed.isEmpty()) {
            out.println("seeded " + template.table("InventoryTable").orElseThrow().name() + " with " + seed);
        }
        out.print("event sources:\n" + runtime.describeSources());
        var console = a.has("no-console") ? null : io.eventflow.runtime.console.Console.attach(runtime, endpoint.url(), out);
        if (console != null) {
            out.println("console " + console.url());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("endpoint", endpoint.url());
        info.put("endpoints", endpoint.environment());
        info.put("port", runtime.port());
        info.put("pid", ProcessHandle.current().pid());
        info.put("template", template.path().toString());
        info.put("parameters", template.parameters());
        state.writeRuntime(info);
        out.println("ready http://127.0.0.1:" + runtime.port());
        if (!a.has("demo")) {
            stopped.await();
            return 0;
        }
        long timeout = (a.get("demo-timeout") == null ? 120 : Long.parseLong(a.get("demo-timeout"))) * 1000L;
        Demo.Result result = new Demo(runtime, clients, out).run(seed, timeout);
        out.println(result.json());
        if (a.has("keep")) {
            stopped.await();
        }
        return result.passed() ? 0 : 1;
    }

    static String describe(Activity.Hop h) {
        String types = h.eventTypes().size() == 1 ? h.eventTypes().get(0) : h.eventTypes().size() + " x " + String.join(",",
                h.eventTypes().stream().distinct().toList());
        return String.format("%s  %-28s -> %-20s %-32s %5d ms%s", LocalTime.ofInstant(h.time(), ZoneOffset.UTC).format(HHMMSS),
                types, h.function(), h.outcome().length() > 60 ? h.outcome().substring(0, 60) + "..." : h.outcome(),
                h.durationMs(), h.lagMs() >= 0 ? "  (" + h.lagMs() + " ms since the event)" : "");
    }

    private Endpoint existing(Args a) {
        String url = a.get("endpoint") != null ? a.get("endpoint") : System.getenv("AWS_ENDPOINT_URL");
        if (url != null) {
            return Endpoint.connect(url, state(a).root());
        }
        Map<String, String> running = state(a).runningEndpoints();
        if (running.isEmpty()) {
            throw new IllegalStateException("no endpoint: start `./eventflow up` first or pass --endpoint URL");
        }
        return Endpoint.saved(running);
    }

    private int replay(Args a) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        if (a.get("stream") != null) {
            request.put("streamId", a.get("stream"));
        } else if (a.get("types") != null) {
            request.put("eventTypes", List.of(a.get("types").split(",")));
        } else {
            err.println(help("replay"));
            return 2;
        }
        java.time.Instant to = a.get("to") != null ? java.time.Instant.parse(a.get("to")) : java.time.Instant.now();
        request.put("from", a.get("from") != null ? a.get("from") : to.minus(java.time.Duration.ofDays(1)).toString());
        request.put("to", to.toString());
        request.put("target", a.get("target") != null ? a.get("target") : "bus");
        request.put("ratePerSecond", a.get("rate") != null ? Integer.parseInt(a.get("rate")) : 50);
        request.put("dryRun", a.has("dry-run"));
        if (a.get("max-events") != null) {
            request.put("maxEvents", Integer.parseInt(a.get("max-events")));
        }
        return invokeOnRunning(a, "ReplayFunction", Json.write(request));
    }

    private int redrive(Args a) throws Exception {
        if (a.positional.size() != 1) {
            err.println(help("redrive"));
            return 2;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("dlqName", a.positional.get(0));
        request.put("inspectOnly", a.has("inspect"));
        if (a.get("max") != null) {
            request.put("maxMessages", Integer.parseInt(a.get("max")));
        }
        return invokeOnRunning(a, "DlqRedriveFunction", Json.write(request));
    }

    /** Runs an operations function once, against the endpoint of the running `up` (or --endpoint). */
    private int invokeOnRunning(Args a, String logicalId, String request) throws Exception {
        JsonLog.redirect(err);
        Metrics.redirect(err);
        try (Endpoint endpoint = existing(a)) {
            FunctionContainer container = new FunctionContainer(template(a, endpoint).function(logicalId), a.pairs("env"), err);
            return invokeOnce(container, request);
        }
    }

    /** One invocation: the response JSON alone on stdout and exit 0, or Lambda's error JSON and exit 1. */
    private int invokeOnce(FunctionContainer container, String event) {
        InvocationResult result = container.invoke(event);
        container.close();
        if (result instanceof InvocationResult.Success s) {
            out.println(s.payload());
            return 0;
        }
        out.println(((InvocationResult.Failure) result).errorJson());
        return 1;
    }

    private int rebuildProjection(Args a) throws Exception {
        try (Endpoint endpoint = existing(a)) {
            AppTemplate template = template(a, endpoint);
            Clients clients = new Clients();
            String events = template.table("EventStoreTable").orElseThrow(() -> new TemplateException("EventStoreTable", "missing")).name();
            String views = template.table("OrderViewTable").orElseThrow(() -> new TemplateException("OrderViewTable", "missing")).name();
            out.println(Json.write(io.eventflow.runtime.ops.RebuildProjection.run(new DynamoDbEventStore(clients.dynamo, events),
                    new io.eventflow.projector.DynamoDbOrderViewRepository(clients.dynamo, views))));
            return 0;
        }
    }

    private int publish(Args a) throws Exception {
        if (a.positional.size() != 1) {
            err.println(help("publish"));
            return 2;
        }
        String json = Files.readString(Path.of(a.positional.get(0)));
        try (Endpoint endpoint = existing(a)) {
            AppTemplate template = template(a, endpoint);
            String table = template.table("EventStoreTable").orElseThrow(() -> new TemplateException("EventStoreTable", "missing")).name();
            Publish.run(new DynamoDbEventStore(new Clients().dynamo, table), json, out);
            return 0;
        }
    }

    private int inspect(Args a) throws Exception {
        try (Endpoint endpoint = existing(a)) {
            AppTemplate template = template(a, endpoint);
            Map<String, Object> report = new Inspect(new Clients(), template, state(a)).collect();
            if (a.has("json")) {
                out.println(Json.write(report));
            } else {
                Inspect.print(report, out);
            }
            return 0;
        }
    }

    private int logs(Args a) throws Exception {
        Logs.run(state(a).functionLogs(), a.get("correlation-id"), a.has("follow"), out);
        return 0;
    }
}
