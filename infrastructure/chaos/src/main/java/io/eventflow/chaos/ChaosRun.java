package io.eventflow.chaos;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.Endpoints;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.runtime.CallerAccount;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.invoke.CodeLocator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One chaos run: moto (embedded, or --endpoint), the {@link ChaosProxy} in front of it, the local runtime
 * pointed at the proxy, the seeded workload placed through the HTTP API, poison messages straight into
 * consumer queues, a bounded wait for quiescence, then the invariants over what the emulator holds, and (unless
 * --no-replay) a replay of the whole run that must change nothing ({@link ReplayPhase}).
 */
public final class ChaosRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one order may take to be accepted by POST /orders, retries included. */
    static final Duration PLACE_PATIENCE = Duration.ofMinutes(5);

    /** {@code faults}: what the proxy and the workload do wrong, decided from the seed. */
    public record Options(
            int orders,
            FaultPlan faults,
            int timeoutSeconds,
            String endpoint,
            Path template,
            int concurrency,
            Path functionLog,
            boolean replay,
            int busOutageSeconds) {}

    /** The run's JSON report (ChaosMain prints it); {@code results} are the invariants as checked. */
    public record Report(
            String engine,
            long seed,
            int orders,
            Rates rates,
            Faults faults,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> repeatedEmails,
            Map<String, Long> outcomes,
            boolean quiescent,
            List<InvariantLine> invariants,
            @JsonInclude(JsonInclude.Include.NON_NULL) ReplayPhase.Report replay,
            Map<String, Object> requests,
            Retries retries,
            long placeMs,
            long settledMs,
            long elapsedMs,
            @JsonIgnore List<Invariants.Result> results) {
        public boolean passed() {
            return results.stream().allMatch(Invariants.Result::passed);
        }

        public String summary() {
            long ok = results.stream().filter(Invariants.Result::passed).count();
            return ok + " passed, " + (results.size() - ok) + " failed";
        }
    }

    public record Rates(double duplicate, double reorder, double crash, double poison, double streamReorder) {}

    /**
     * What the driver had to try again because the machine was slow, not because the system under test failed:
     * engine requests by operation ({@link PatientClients}), POST /orders answered 5xx, 409, 429 or not in time,
     * and ReplayFunction invocations that failed and were resumed from the same point.
     */
    public record Retries(Map<String, Long> engine, long api, long replayInvocations) {}

    /** The proxy's fault counters (flattened into the object), the poison messages sent and the outage. */
    public record Faults(
            @JsonAnyGetter Map<String, Long> counters,
            int poisonMessages,
            int outageSeconds,
            Integer outageStartedAtOrder) {}

    /** One invariant; its failures only when it failed. */
    public record InvariantLine(
            String name,
            boolean passed,
            String summary,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> failures) {
        static InvariantLine of(Invariants.Result r) {
            return new InvariantLine(r.name(), r.passed(), r.summary(), r.passed() ? null : r.failures());
        }
    }

    /** Everything a run works with once the runtime is up. */
    private record Run(
            long start,
            FaultPlan plan,
            String tag,
            Workload workload,
            Template template,
            LocalRuntime runtime,
            ChaosProxy proxy,
            DynamoDbClient dynamo,
            SqsClient sqs,
            PatientClients patient) {}

    private final Options o;
    private final PrintStream progress;
    private final java.util.concurrent.atomic.LongAdder apiRetries = new java.util.concurrent.atomic.LongAdder();
    private BusOutage busOutage;

    public ChaosRun(Options options, PrintStream progress) {
        this.o = options;
        this.progress = progress;
    }

    public Report run() throws Exception {
        long start = System.currentTimeMillis();
        FaultPlan plan = o.faults();
        Path root = o.template() != null ? o.template().toAbsolutePath().getParent() : RepoRoot.find();
        Path templatePath = o.template() != null ? o.template() : root.resolve("template.yaml");
        Files.createDirectories(o.functionLog().toAbsolutePath().getParent());
        PrintStream functionLog =
                new PrintStream(Files.newOutputStream(o.functionLog()), true, java.nio.charset.StandardCharsets.UTF_8);
        // On a shared endpoint, names of this run must not collide with earlier runs; on our own moto they are fixed.
        boolean own = o.endpoint() == null && System.getenv("AWS_ENDPOINT_URL") == null;
        String tag = own
                ? "s" + o.faults().seed()
                : "s" + o.faults().seed() + "x"
                        + HexFormat.of()
                                .toHexDigits(ThreadLocalRandom.current().nextInt())
                                .substring(0, 5);
        String skuPrefix = own ? "SKU-CHAOS-" : "SKU-" + tag.toUpperCase().replaceAll("[^A-Z0-9]", "") + "-";
        Workload workload = Workload.of(plan, o.orders(), skuPrefix);

        String external = o.endpoint() != null ? o.endpoint() : System.getenv("AWS_ENDPOINT_URL");
        Emulator emulator = external == null
                ? Emulator.start(root.resolve(".eventflow/chaos"), Emulator.selectedEngine(), Map.of())
                : Emulator.external(URI.create(external));
        Endpoints direct = emulator.endpoints();
        try (ChaosProxy proxy = new ChaosProxy(direct, plan)) {
            // Every SDK client built from here on (runtime pollers, handlers) goes through the proxy, which sends
            // each request on to its service's endpoint.
            Endpoints.all(proxy.endpoint()).apply();
            PatientClients patient = new PatientClients();
            DynamoDbClient dynamo = patient.configure(DynamoDbClient.builder())
                    .endpointOverride(direct.of(Endpoints.Service.DYNAMODB))
                    .build();
            SqsClient sqs = patient.configure(SqsClient.builder())
                    .endpointOverride(direct.of(Endpoints.Service.SQS))
                    .build();
            Clients clients = new Clients();
            // Short breaker waits: the provider outage's deferred messages (2 s, 10 s, then 20 s) come back inside the
            // run.
            Template template = Template.load(
                    templatePath,
                    Map.of("ProviderBreakerWaitSeconds", "2", "ProviderDeferralMaxSeconds", "20"),
                    CallerAccount.discover(),
                    clients.queueUrls);
            LocalRuntime.Options options = new LocalRuntime.Options(
                    0, 3, LocalRuntime.LONG_POLL_SECONDS, LocalRuntime.STREAM_POLL_MILLIS, 200, Map.of(), false);
            // The request census sits in the class loader that builds each function's SDK clients (one per function,
            // over its artifact): this module's classes (RequestCensus + its global interceptor file) are appended to
            // each.
            try (LocalRuntime runtime = new LocalRuntime(
                    template,
                    CodeLocator.forTemplate(template).withCodeOf(RequestCensus.class),
                    clients,
                    options,
                    functionLog,
                    functionLog,
                    hop -> {})) {
                runtime.start();
                verifySender(template, patient, direct.of(Endpoints.Service.SES));
                progress.println("chaos: " + emulator.engine() + " " + direct.describe() + ", account "
                        + template.account().id() + ", proxy " + proxy.endpoint() + ", API http://127.0.0.1:"
                        + runtime.port());
                return drive(
                        new Run(start, plan, tag, workload, template, runtime, proxy, dynamo, sqs, patient),
                        emulator.engine());
            }
        } finally {
            functionLog.close();
            emulator.stop();
        }
    }

    /** Seed stock, place the orders (and the poison), wait until quiet, check the invariants, replay the run. */
    private Report drive(Run r, String engine) throws Exception {
        Map<String, Long> stock = r.workload().stock();
        String inventory = r.template().table("InventoryTable").orElseThrow().name();
        Map<String, Long> prices = r.workload().prices();
        stock.forEach((sku, q) -> r.dynamo()
                .putItem(b -> b.tableName(inventory)
                        .item(Map.of(
                                "sku",
                                AttributeValue.fromS(sku),
                                "available",
                                AttributeValue.fromN(Long.toString(q)),
                                "priceCents",
                                AttributeValue.fromN(Long.toString(prices.get(sku))),
                                "currency",
                                AttributeValue.fromS("EUR")))));
        Map<String, List<String>> poisonSent = new ConcurrentHashMap<>();
        long placeStart = System.currentTimeMillis();
        Map<String, Long> censusBefore = RequestCensus.snapshot();
        long proxyBefore = r.proxy().counters().get("requests");
        busOutage = new BusOutage(o.busOutageSeconds(), r.runtime(), r.proxy(), progress);
        String[] orderIds = place(
                r.workload(),
                r.tag(),
                r.runtime().port(),
                r.plan(),
                r.proxy(),
                r.sqs(),
                consumerQueues(r.template()),
                poisonSent);
        long placeMs = System.currentTimeMillis() - placeStart;
        progress.println("chaos: " + o.orders() + " orders placed in " + placeMs + " ms; waiting for quiescence");
        boolean quiet = awaitQuiescence(r.runtime(), r.proxy(), r.start() + o.timeoutSeconds() * 1000L);
        quiet = busOutage.recover(
                        d -> awaitQuiescence(r.runtime(), r.proxy(), d), r.start() + o.timeoutSeconds() * 1000L)
                && quiet;
        long settledMs = System.currentTimeMillis() - r.start();
        progress.println("chaos: " + (quiet ? "quiescent" : "NOT quiescent (timeout)") + " after " + settledMs
                + " ms; checking");
        RequestHistogram requests = RequestHistogram.between(
                censusBefore,
                RequestCensus.snapshot(),
                r.proxy().counters().get("requests") - proxyBefore,
                o.orders(),
                settledMs - (placeStart - r.start()));
        requests.print(progress);

        List<RunState.PlacedOrder> placed = new ArrayList<>();
        for (Workload.Order w : r.workload().orders()) {
            placed.add(new RunState.PlacedOrder(
                    w.number(), orderIds[w.number()], w.expected(), w.quantities(), true, w.phone()));
        }
        List<String> dlqNames =
                r.runtime().dlqArns().stream().map(Resolver::lastSegment).toList();
        Collector collector = new Collector(
                r.dynamo(),
                r.sqs(),
                new Collector.Tables(
                        r.template().table("EventStoreTable").orElseThrow().name(),
                        r.template().table("IdempotencyTable").orElseThrow().name(),
                        inventory,
                        r.template().table("OrderViewTable").orElseThrow().name()));
        Map<String, Long> counters = r.proxy().counters();
        counters.putAll(busOutage.counters());
        RunState state = collector.collect(
                DeliveryKeys.correlationId(r.tag(), 0).replaceAll("0$", ""),
                placed,
                stock,
                dlqNames,
                poisonSent,
                counters.get("emailsSent"),
                counters.get("smsSent"));
        List<Invariants.Result> results = new ArrayList<>(Invariants.check(state));
        // Said before the replay phase, which can take as long again: a long run's verdict is not held back.
        results.forEach(x ->
                progress.println("chaos: " + (x.passed() ? "pass" : "FAIL") + " " + x.name() + ": " + x.summary()));
        ReplayPhase.Outcome replay = null;
        if (o.replay()) {
            replay = new ReplayPhase(
                            r.dynamo(),
                            collector.tables(),
                            () -> collector.dlqDepths(dlqNames),
                            r.proxy()::counters,
                            progress)
                    .run(
                            r.runtime().container("ReplayFunction"),
                            java.time.Instant.ofEpochMilli(r.start()).minusSeconds(60),
                            o.orders(),
                            d -> awaitQuiescence(r.runtime(), r.proxy(), d),
                            System.currentTimeMillis() + o.timeoutSeconds() * 1000L,
                            () -> r.runtime().activity().invokes());
            results.add(replay.result());
        }
        Faults faults = new Faults(
                counters,
                poisonSent.values().stream().mapToInt(List::size).sum(),
                o.faults().outageSeconds(),
                o.faults().outageSeconds() > 0 ? r.plan().outageStartOrder(o.orders()) : null);
        Retries retries = new Retries(
                r.patient().retries(),
                apiRetries.sum(),
                replay == null ? 0 : replay.report().retriedInvocations());
        progress.println("chaos: tried again because the engine or the API was slow: " + retries);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        state.statuses().values().forEach(x -> outcomes.merge(String.valueOf(x), 1L, Long::sum));
        return new Report(
                engine,
                o.faults().seed(),
                o.orders(),
                new Rates(
                        r.plan().duplicateRate(),
                        r.plan().reorderRate(),
                        r.plan().crashRate(),
                        r.plan().poisonRate(),
                        r.plan().streamReorderRate()),
                faults,
                r.proxy().repeatedRecipients(),
                outcomes,
                quiet,
                results.stream().map(InvariantLine::of).toList(),
                replay == null ? null : replay.report(),
                requests.json(),
                retries,
                placeMs,
                settledMs,
                System.currentTimeMillis() - r.start(),
                results);
    }

    /** SES (moto too) rejects mail from an unverified sender; a deployment verifies EmailFrom once, so do we. */
    private static void verifySender(Template template, PatientClients patient, URI direct) {
        template.functions().stream()
                .map(f -> f.environment().get("EMAIL_FROM"))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .forEach(from -> {
                    try (SesClient ses = patient.configure(SesClient.builder())
                            .endpointOverride(direct)
                            .build()) {
                        ses.verifyEmailIdentity(b -> b.emailAddress(from));
                    }
                });
    }

    /** The queues functions consume (poison goes there; the queue's redrive DLQ must end up holding it). */
    private static List<Model.Queue> consumerQueues(Template template) {
        Map<String, Model.Queue> byArn = new LinkedHashMap<>();
        template.queues().forEach(q -> byArn.put(q.arn(), q));
        List<Model.Queue> out = new ArrayList<>();
        template.functions()
                .forEach(f -> f.events().forEach(e -> {
                    if (e instanceof Model.SqsSource s
                            && s.enabled()
                            && byArn.containsKey(s.queueArn())
                            && byArn.get(s.queueArn()).redriveTargetArn() != null) {
                        out.add(byArn.get(s.queueArn()));
                    }
                }));
        return out;
    }

    private String[] place(
            Workload workload,
            String tag,
            int port,
            FaultPlan plan,
            ChaosProxy proxy,
            SqsClient sqs,
            List<Model.Queue> queues,
            Map<String, List<String>> poisonSent)
            throws Exception {
        String[] ids = new String[workload.orders().size()];
        int outageAt = o.faults().outageSeconds() > 0
                ? plan.outageStartOrder(workload.orders().size())
                : -1;
        int busOutageAt = BusOutage.startOrder(plan, workload.orders().size(), o.busOutageSeconds());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrency());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Workload.Order w : workload.orders()) {
                futures.add(pool.submit(() -> {
                    if (w.number() == outageAt) {
                        proxy.startOutage(o.faults().outageSeconds());
                        progress.println(
                                "chaos: outage of " + o.faults().outageSeconds() + " s starts at order #" + w.number());
                    }
                    if (w.number() == busOutageAt) {
                        busOutage.start(w.number());
                    }
                    ids[w.number()] = post(http, port, tag, w);
                    if (plan.poison(w.number()) && !queues.isEmpty()) {
                        Model.Queue q = queues.get(
                                (int) (plan.unit("poison-queue", Integer.toString(w.number())) * queues.size()));
                        String body = "chaos poison #" + w.number() + ": not an EventBridge event {";
                        String url = sqs.getQueueUrl(b -> b.queueName(q.name())).queueUrl();
                        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                        poisonSent
                                .computeIfAbsent(
                                        Resolver.lastSegment(q.redriveTargetArn()),
                                        k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(body);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    /**
     * POST /orders with an Idempotency-Key, tried again (backing off) through the outage and while the machine is too
     * slow to answer in time (5xx, 409 in progress, 429, I/O errors and time-outs), for up to {@link #PLACE_PATIENCE}
     * (or three outages) per order: the key makes a repeat return the first answer.
     */
    private String post(HttpClient http, int port, String tag, Workload.Order w) throws Exception {
        String body = JSON.writeValueAsString(w.body());
        String correlation = DeliveryKeys.correlationId(tag, w.number());
        long deadline = System.currentTimeMillis()
                + Math.max(PLACE_PATIENCE.toMillis(), o.faults().outageSeconds() * 3000L);
        long backoff = 200;
        String last = null;
        while (true) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", correlation)
                                .header("X-Correlation-Id", correlation)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    JsonNode n = JSON.readTree(r.body());
                    return n.path("orderId").asText(null);
                }
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() != 409 && r.statusCode() != 429 && r.statusCode() / 100 != 5) {
                    break;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            if (System.currentTimeMillis() + backoff >= deadline) {
                break;
            }
            apiRetries.increment();
            TimeUnit.MILLISECONDS.sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
        progress.println("chaos: order #" + w.number() + " not accepted: " + last);
        return null;
    }

    /** Quiescent (nothing in flight, queues empty but DLQs, streams drained, idle 2 s) twice in a row, after the outage. */
    private static boolean awaitQuiescence(LocalRuntime runtime, ChaosProxy proxy, long deadline)
            throws InterruptedException {
        return runtime.awaitQuiescence(Duration.ofSeconds(2), deadline, proxy::inOutage);
    }
}
