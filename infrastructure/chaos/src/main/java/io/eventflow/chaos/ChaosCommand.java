package io.eventflow.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.cli.EndpointOptions;
import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.TemplateOptions;
import io.eventflow.runtime.cli.UserError;
import io.eventflow.runtime.cli.Verb;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./eventflow chaos}: stdout the JSON report, then {@code N passed, M failed}; exit 0 only when every
 * invariant holds (1 when one fails). Progress goes to stderr (not with --json-only), function logs to
 * chaos/functions.jsonl of the state dir (.eventflow/, or EVENTFLOW_STATE: a test's run does not write over the
 * log of a CI-sized run going on in the same checkout).
 */
@Command(
        name = "chaos",
        sortOptions = false,
        description = {
            "Drive the topology with faults injected at the delivery layer (a proxy between the SDK clients and the"
                    + " emulator, decided from the seed), then check the invariants.",
            "After them, the whole run is replayed to the bus (every event type, faults on): a 7th invariant holds when that"
                    + " changed nothing (store, idempotency records, stock, emails, SMS, DLQs) and rebuild-projection changes no view.",
            "Without --endpoint the project's moto server is started. stdout: the JSON report, then `N passed, M failed`."
        })
public final class ChaosCommand implements Callable<Integer>, Verb {
    @ParentCommand
    Cli cli;

    @Option(names = "--orders", required = true, paramLabel = "N", description = "orders to place (>= 1)")
    int orders;

    @Option(
            names = "--seed",
            required = true,
            paramLabel = "S",
            description = "the seed every fault decision derives from")
    long seed;

    @Option(
            names = "--duplicate-rate",
            defaultValue = "0.05",
            paramLabel = "R",
            description =
                    "first deliveries whose delete is dropped: redelivered after the visibility timeout (default ${DEFAULT-VALUE})")
    double duplicateRate;

    @Option(
            names = "--reorder-rate",
            defaultValue = "0.05",
            paramLabel = "R",
            description =
                    "first deliveries held back, behind newer events of the order; every batch is shuffled too (default ${DEFAULT-VALUE})")
    double reorderRate;

    /*
     * Defaults: an outage longer than a retry count lasts (5 stream retries were spent in ~1 s) and 5% crashed
     * batches: the CI run must show that a dependency outage shunts no record and the read model repairs itself.
     */
    @Option(
            names = "--crash-rate",
            defaultValue = "0.05",
            paramLabel = "R",
            description =
                    "messages whose batch crashes after the handler ran: no delete for the whole batch (default ${DEFAULT-VALUE})")
    double crashRate;

    @Option(
            names = "--poison-rate",
            defaultValue = "0.01",
            paramLabel = "R",
            description =
                    "per order, a malformed message sent straight to a consumer queue; must end in its DLQ (default ${DEFAULT-VALUE})")
    double poisonRate;

    @Option(
            names = "--outage-seconds",
            defaultValue = "10",
            paramLabel = "T",
            description =
                    "every request answered 503 for T s, from a seeded order of the run (0 = none; default ${DEFAULT-VALUE})")
    int outageSeconds;

    @Option(
            names = "--bus-outage-seconds",
            defaultValue = "8",
            paramLabel = "T",
            description =
                    "EventBridge PutEvents refused for T s, from a seeded order, with the relay's retry budget scaled down to T/2 s while it lasts:"
                            + " the relay gives records up, then `recover` delivers them (0 = none; default ${DEFAULT-VALUE})")
    int busOutageSeconds;

    @Option(
            names = "--provider-outage-seconds",
            defaultValue = "5",
            paramLabel = "T",
            description =
                    "SES SendEmail and SNS SMS Publish answered 503 for T s from an early seeded provider call: the"
                            + " senders' circuit breakers open and the messages wait on their queues, none dead-lettered (0 ="
                            + " none; default ${DEFAULT-VALUE})")
    int providerOutageSeconds;

    @Option(
            names = "--stream-reorder-rate",
            defaultValue = "0",
            paramLabel = "R",
            description =
                    "records moved within a DynamoDB stream page: breaks shard order, an AWS guarantee, so the projector stalls by design (default ${DEFAULT-VALUE})")
    double streamReorderRate;

    @Option(
            names = "--timeout-seconds",
            paramLabel = "T",
            description = "bound on the run (default max(600, N); moto settles ~2 orders/s here)")
    Integer timeoutSeconds;

    @Option(
            names = "--concurrency",
            defaultValue = "4",
            paramLabel = "C",
            description = "parallel POSTs (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--json-only", description = "no progress on stderr")
    boolean jsonOnly;

    @Option(names = "--no-replay", description = "skip the replay phase (6 invariants)")
    boolean noReplay;

    @Mixin
    TemplateOptions template;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    io.eventflow.runtime.cli.EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        ChaosRun.Options options = options();
        PrintStream progress = jsonOnly ? new PrintStream(OutputStream.nullOutputStream()) : cli.err();
        ChaosRun.Report report = new ChaosRun(options, progress).run();
        cli.out()
                .println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
        cli.out().println(report.summary());
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    ChaosRun.Options options() {
        engine.apply();
        if (orders < 1) {
            throw new UserError(ExitCode.USAGE, "--orders must be at least 1, got " + orders);
        }
        rate("--duplicate-rate", duplicateRate);
        rate("--reorder-rate", reorderRate);
        rate("--crash-rate", crashRate);
        rate("--poison-rate", poisonRate);
        rate("--stream-reorder-rate", streamReorderRate);
        if (outageSeconds < 0) {
            throw new UserError(ExitCode.USAGE, "--outage-seconds must be >= 0, got " + outageSeconds);
        }
        if (busOutageSeconds < 0) {
            throw new UserError(ExitCode.USAGE, "--bus-outage-seconds must be >= 0, got " + busOutageSeconds);
        }
        if (busOutageSeconds == 1) {
            throw new UserError(
                    ExitCode.USAGE,
                    "--bus-outage-seconds must be 0 or at least 2 (longer than the relay's 1 s budget)");
        }
        if (providerOutageSeconds < 0) {
            throw new UserError(ExitCode.USAGE, "--provider-outage-seconds must be >= 0, got " + providerOutageSeconds);
        }
        if (concurrency < 1) {
            throw new UserError(ExitCode.USAGE, "--concurrency must be at least 1, got " + concurrency);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new UserError(ExitCode.USAGE, "--timeout-seconds must be at least 1, got " + timeoutSeconds);
        }
        if (!template.params().isEmpty()) {
            throw new UserError(ExitCode.USAGE, "chaos runs the template with its default parameters: drop --param");
        }
        boolean custom = template.path() != null
                && !template.path().equals(template.root().resolve("template.yaml"));
        return new ChaosRun.Options(
                orders,
                new FaultPlan(
                        seed,
                        duplicateRate,
                        reorderRate,
                        crashRate,
                        poisonRate,
                        outageSeconds,
                        streamReorderRate,
                        providerOutageSeconds),
                timeoutSeconds != null ? timeoutSeconds : Math.max(600, orders),
                endpoint.option(),
                custom ? template.path() : null,
                concurrency,
                template.state().root().resolve("chaos/functions.jsonl"),
                !noReplay,
                busOutageSeconds);
    }

    private static void rate(String name, double r) {
        if (r < 0 || r > 1 || Double.isNaN(r)) {
            throw new UserError(ExitCode.USAGE, name + " must be a probability in [0,1], got " + r);
        }
    }
}
