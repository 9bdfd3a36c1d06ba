package io.eventflow.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.projector.DynamoDbOrderViewRepository;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.Inspect;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.store.DynamoDbEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The operations verbs that run an operations function (or the store) against the running `up`. */
public final class OpsCommands {
    private OpsCommands() {}

    /** Runs an operations function once against an existing endpoint: its answer on stdout (exit 0), or Lambda's error JSON (exit 1). */
    static int invokeOnRunning(
            Cli cli,
            RunningUpOptions running,
            String logicalId,
            java.util.function.Function<Template, String> request,
            UnaryOperator<String> enrich) {
        try (RunningUpOptions.Session up = running.open(cli.err())) {
            Template app = up.template();
            String event = request.apply(app);
            var fn = app.function(logicalId);
            FunctionContainer container =
                    new FunctionContainer(fn, CodeLocator.forTemplate(app).locate(fn), Map.of(), cli.err());
            try {
                InvocationResult result = container.invoke(event);
                if (result instanceof InvocationResult.Success s) {
                    cli.out().println(enrich.apply(s.payload()));
                    return ExitCode.OK;
                }
                cli.out().println(((InvocationResult.Failure) result).errorJson());
                return ExitCode.FAILED;
            } finally {
                container.close();
            }
        }
    }

    @Command(
            name = "replay",
            sortOptions = false,
            description = {
                "Re-send stored events (upcast, marked replay:true, original"
                        + " eventId) through ReplayFunction to the bus or to one rule's SQS targets, rate-limited; --dry-run only counts.",
                "Consumers are idempotent per eventId, so their effects do not change. Default window: the last 24 h."
            })
    public static final class Replay implements Callable<Integer> {
        @ParentCommand
        Cli cli;

        static final class Selection {
            @Option(
                    names = "--stream",
                    required = true,
                    paramLabel = "STREAM",
                    description = "one stream: Order-ORD-..., or just the order id ORD-...")
            String stream;

            @Option(
                    names = "--types",
                    required = true,
                    split = ",",
                    paramLabel = "TYPE",
                    description = "event types, e.g. OrderPlaced,PaymentDeclined")
            List<String> types;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(
                names = "--from",
                paramLabel = "ISO-INSTANT",
                description = "window start, e.g. 2026-11-30T06:00:00Z (default: 24 h before --to)")
        Instant from;

        @Option(names = "--to", paramLabel = "ISO-INSTANT", description = "window end (default: now)")
        Instant to;

        @Option(
                names = "--target",
                defaultValue = "bus",
                paramLabel = "bus|rule:NAME",
                description = "where to (default ${DEFAULT-VALUE})")
        String target;

        @Option(names = "--max-events", paramLabel = "N", description = "stop after N events")
        Integer maxEvents;

        @Mixin
        ReplayFunctionOptions replay;

        @Override
        public Integer call() {
            int rate = replay.pace.checked();
            RateOptions.atLeastOne("--max-events", maxEvents);
            if (!target.equals("bus") && !target.matches("rule:.+")) {
                throw new UserError(ExitCode.USAGE, "--target must be `bus` or `rule:NAME`, got " + target);
            }
            Instant end = to != null ? to : Instant.now();
            Instant start = from != null ? from : end.minus(Duration.ofDays(1));
            if (!start.isBefore(end)) {
                throw new UserError(ExitCode.USAGE, "--from " + start + " is not before --to " + end);
            }
            Map<String, Object> request = new LinkedHashMap<>();
            if (selection.stream != null) {
                request.put("streamId", Names.streamId(selection.stream));
            } else {
                request.put("eventTypes", selection.types);
            }
            request.put("from", start.toString());
            request.put("to", end.toString());
            request.put("target", target);
            request.put("ratePerSecond", rate);
            request.put("dryRun", replay.dryRun);
            if (maxEvents != null) {
                request.put("maxEvents", maxEvents);
            }
            return replay.invoke(cli, request);
        }
    }

    @Command(
            name = "recover",
            sortOptions = false,
            description = {
                "Deliver what the relay never delivered: through"
                        + " ReplayFunction (mode recover), each failure record in RelayFailureQueue (a stream batch the relay gave up)"
                        + " becomes a re-publication of the events it covered as first deliveries (not marked replay: customers are"
                        + " notified), and is deleted once they were all sent; --dry-run only counts.",
                "Consumers are idempotent per eventId: an event delivered before changes nothing."
            })
    public static final class Recover implements Callable<Integer> {
        @ParentCommand
        Cli cli;

        @Option(names = "--max-records", paramLabel = "N", description = "stop after N failure records")
        Integer maxRecords;

        @Mixin
        ReplayFunctionOptions replay;

        @Override
        public Integer call() {
            int rate = replay.pace.checked();
            RateOptions.atLeastOne("--max-records", maxRecords);
            return replay.invoke(cli, request(rate, maxRecords, replay.dryRun));
        }

        /** The ReplayFunction payload of a recovery (events/replay/recover.json is one). */
        public static Map<String, Object> request(int rate, Integer maxRecords, boolean dryRun) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("mode", "recover");
            request.put("ratePerSecond", rate);
            request.put("dryRun", dryRun);
            if (maxRecords != null) {
                request.put("maxRecords", maxRecords);
            }
            return request;
        }
    }

    @Command(
            name = "redrive",
            sortOptions = false,
            description = {
                "Through DlqRedriveFunction: --inspect lists a DLQ's dead"
                        + " letters with why each failed and their targets; otherwise moves each back to the queue it failed for (an"
                        + " EventBridge dead letter to its TARGET_ARN, others to the queue whose RedrivePolicy names the DLQ;"
                        + " StartMessageMoveTask only for a queue's own DLQ, else receive -> send -> delete) and reports the counts.",
                "The DLQ: its logical id (InventoryDLQ, as `inspect` prints it) or physical name (eventflow-inventory-dlq-dev)."
            })
    public static final class Redrive implements Callable<Integer> {
        @ParentCommand
        Cli cli;

        @Parameters(
                index = "0",
                paramLabel = "DLQ",
                description = "logical id or physical name of the dead-letter queue")
        String dlq;

        @Option(names = "--inspect", description = "list the dead letters and their reasons; move nothing")
        boolean inspect;

        @Option(names = "--max", paramLabel = "N", description = "at most N messages")
        Integer max;

        @Mixin
        RunningUpOptions running;

        @Override
        public Integer call() {
            if (max != null && max < 1) {
                throw new UserError(ExitCode.USAGE, "--max must be at least 1, got " + max);
            }
            Names.queue(running.offline(), dlq, true); // an unknown DLQ fails before connecting
            StateDir state = running.state();
            return invokeOnRunning(
                    cli,
                    running,
                    "DlqRedriveFunction",
                    app -> {
                        Model.Queue q = Names.queue(app, dlq, true);
                        Map<String, Object> request = new LinkedHashMap<>();
                        request.put("dlqName", q.name());
                        request.put("inspectOnly", inspect);
                        if (max != null) {
                            request.put("maxMessages", max);
                        }
                        return Json.write(request);
                    },
                    inspect ? payload -> withReasons(payload, state) : UnaryOperator.identity());
        }

        /** Dead letters the function could not explain get the reason the runtime recorded when they failed. */
        static String withReasons(String payload, StateDir state) {
            try {
                JsonNode report = Json.parse(payload);
                Map<String, String> reasons = Inspect.reasons(state);
                for (JsonNode m : report.path("messages")) {
                    if (m instanceof ObjectNode o
                            && (!o.hasNonNull("failureReason")
                                    || o.get("failureReason").asText().isBlank())) {
                        o.put(
                                "failureReason",
                                Inspect.reason(
                                        o.path("messageId").asText(),
                                        o.path("bodyPreview").asText(""),
                                        reasons));
                    }
                }
                return Json.write(report);
            } catch (IllegalArgumentException notJson) {
                return payload;
            }
        }
    }

    @Command(
            name = "rebuild-projection",
            description = {
                "Rebuild every order's view in OrderViewTable from the event store"
                        + " alone; reports how many views it changed (0: the live projection already equalled the store)."
            })
    public static final class RebuildProjection implements Callable<Integer> {
        @ParentCommand
        Cli cli;

        @Mixin
        RunningUpOptions running;

        @Override
        public Integer call() {
            try (RunningUpOptions.Session up = running.open(cli.err())) {
                Template app = up.template();
                Clients clients = new Clients();
                String events = app.table("EventStoreTable")
                        .orElseThrow(() -> UserError.input("the template has no EventStoreTable"))
                        .name();
                String views = app.table("OrderViewTable")
                        .orElseThrow(() -> UserError.input("the template has no OrderViewTable"))
                        .name();
                cli.out()
                        .println(Json.write(io.eventflow.runtime.ops.RebuildProjection.run(
                                new DynamoDbEventStore(clients.dynamo, events),
                                new DynamoDbOrderViewRepository(clients.dynamo, views))));
                return ExitCode.OK;
            }
        }
    }
}
