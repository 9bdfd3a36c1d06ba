package io.eventflow.runtime;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.TemplateException;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.sources.HttpApiServer;
import io.eventflow.runtime.sources.SqsPoller;
import io.eventflow.runtime.sources.StreamPoller;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code up}: provisions the template on the endpoint and runs every function's event sources in this JVM
 * with Lambda's semantics (SQS and DynamoDB stream pollers, the HttpApi routes). EventBridge rules and SNS
 * subscriptions are delivered by the emulator itself (rules to SQS targets, topics to SQS subscriptions).
 */
public final class LocalRuntime implements AutoCloseable {
    /**
     * @param port HTTP port (0 = any free port)
     * @param visibilityCapSeconds local cap on queue visibility timeouts (0 = as in the template)
     * @param waitSeconds SQS long-poll wait ({@link #LONG_POLL_SECONDS} as Lambda; every empty receive is a request the
     *                    emulator serves)
     */
    public record Options(
            int port,
            int visibilityCapSeconds,
            int waitSeconds,
            long streamPollMillis,
            long streamRetryBackoffMillis,
            Map<String, String> environment,
            boolean skipMissingHandlers) {
        public static Options defaults() {
            return new Options(0, 5, LONG_POLL_SECONDS, STREAM_POLL_MILLIS, 200, Map.of(), false);
        }
    }

    /**
     * Wait between polls of a stream shard that had nothing: Lambda polls each shard about 4 times a second
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html); a shard with records is polled again at once.
     */
    public static final long STREAM_POLL_MILLIS = 250;
    /** How often {@link #awaitQuiescence} looks. */
    static final long QUIESCENCE_POLL_MILLIS = 300;

    /** SQS ReceiveMessage's longest wait, which Lambda's pollers use. */
    public static final int LONG_POLL_SECONDS = 20;
    /** How long close() waits for pollers; one still in a long poll hands back what it receives after that. */
    private static final long STOP_WAIT_MS = 2_000;

    private final Template template;
    private final Clients clients;
    private final Options options;
    private final PrintStream out;
    private final PrintStream log;
    private final Activity activity;
    private final Map<String, FunctionContainer> containers = new LinkedHashMap<>();
    private final List<SqsPoller> sqsPollers = new ArrayList<>();
    private final List<StreamPoller> streamPollers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CodeLocator code;
    private final List<Runnable> beforePolling = new ArrayList<>();
    private final Map<String, Integer> recordAgeCaps = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpApiServer http;

    /** Every function from its own artifact ({@link CodeLocator#forTemplate}). */
    public LocalRuntime(
            Template template,
            Clients clients,
            Options options,
            PrintStream out,
            PrintStream log,
            Consumer<Activity.Hop> hops) {
        this(template, CodeLocator.forTemplate(template), clients, options, out, log, hops);
    }

    /** @param log the functions' log: their stdout/stderr and the START/END/REPORT lines */
    public LocalRuntime(
            Template template,
            CodeLocator code,
            Clients clients,
            Options options,
            PrintStream out,
            PrintStream log,
            Consumer<Activity.Hop> hops) {
        this.template = template;
        this.code = code;
        this.clients = clients;
        this.options = options;
        this.out = out;
        this.log = log;
        this.activity = new Activity(hops);
    }

    public Activity activity() {
        return activity;
    }

    public Template template() {
        return template;
    }

    /**
     * Runs {@code hook} in {@link #start()} once the resources exist and before any poller starts (a queue attribute
     * set later would not reach a long poll already waiting with the old one).
     */
    public void beforePolling(Runnable hook) {
        beforePolling.add(hook);
    }

    /**
     * Gives the stream mappings of one function a shorter MaximumRecordAgeInSeconds than the template's, or the
     * template's again ({@code null}); before or after {@link #start()}. A local run scales a retry budget of hours
     * down to seconds to exercise what happens after it.
     */
    public void capRecordAge(String functionLogicalId, Integer seconds) {
        if (seconds != null && seconds < 1) {
            throw new IllegalArgumentException("record age cap must be >= 1 s, got " + seconds);
        }
        if (seconds == null) {
            recordAgeCaps.remove(functionLogicalId);
        } else {
            recordAgeCaps.put(functionLogicalId, seconds);
        }
        streamPollers.stream()
                .filter(p -> p.logicalId().equals(functionLogicalId))
                .forEach(p -> p.capRecordAge(seconds));
    }

    /** Provision, construct every handler (init), start pollers and the HTTP API. */
    public void start() {
        new Provisioner(clients, out).provision(template, options.visibilityCapSeconds());
        beforePolling.forEach(Runnable::run);
        List<HttpApiServer.Binding> routes = new ArrayList<>();
        for (Model.Function f : initialised()) {
            FunctionContainer c = containers.get(f.logicalId());
            for (Model.EventSource e : f.events()) {
                switch (e) {
                    case Model.SqsSource s
                    when s.enabled() ->
                        sqsPollers.add(new SqsPoller(
                                c, s, template.resolver(), clients.pollingSqs, activity, log, options.waitSeconds()));
                    case Model.StreamSource s
                    when s.enabled() -> {
                        StreamPoller p = new StreamPoller(
                                c,
                                s,
                                template.resolver(),
                                clients,
                                activity,
                                log,
                                options.streamPollMillis(),
                                options.streamRetryBackoffMillis());
                        if (recordAgeCaps.containsKey(f.logicalId())) {
                            p.capRecordAge(recordAgeCaps.get(f.logicalId()));
                        }
                        streamPollers.add(p);
                    }
                    case Model.HttpRoute r -> routes.add(new HttpApiServer.Binding(r, c));
                    case Model.RuleSource r ->
                        throw new TemplateException(
                                f.logicalId() + ".Events." + r.name(),
                                "EventBridgeRule events that target a function directly are not run locally; "
                                        + "the architecture routes rules to SQS queues");
                    default -> log.println("[runtime] " + f.logicalId() + "." + e.name() + " is disabled");
                }
            }
        }
        for (SqsPoller p : sqsPollers) {
            p.checkDeliveries(deliveryCheck(p.queueArn()));
        }
        for (StreamPoller p : streamPollers) {
            p.start();
            threads.add(
                    Thread.ofPlatform().daemon().name("stream-" + p.describe()).start(p));
        }
        for (SqsPoller p : sqsPollers) {
            threads.add(Thread.ofPlatform().daemon().name("sqs-" + p.describe()).start(p));
        }
        if (!routes.isEmpty()) {
            try {
                http = new HttpApiServer(
                        options.port(),
                        routes,
                        activity,
                        log,
                        template.account().id());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
            }
            http.start();
        }
    }

    /**
     * Every function's environment created and initialised (Lambda's init phase: class loading, SDK clients),
     * two at a time, as each loads its own copy of its jars; the functions that are up, in template order.
     */
    private List<Model.Function> initialised() {
        Map<Model.Function, java.util.concurrent.Future<FunctionContainer>> starting = new LinkedHashMap<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (Model.Function f : template.functions()) {
                starting.put(f, pool.submit(() -> {
                    FunctionContainer c = new FunctionContainer(f, code.locate(f), options.environment(), log);
                    c.init();
                    return c;
                }));
            }
            List<Model.Function> up = new ArrayList<>();
            for (Map.Entry<Model.Function, java.util.concurrent.Future<FunctionContainer>> e : starting.entrySet()) {
                try {
                    containers.put(e.getKey().logicalId(), e.getValue().get());
                    up.add(e.getKey());
                } catch (java.util.concurrent.ExecutionException failed) {
                    if (!(failed.getCause() instanceof TemplateException missing) || !options.skipMissingHandlers()) {
                        throw failed.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(failed.getCause());
                    }
                    out.println("skipped: " + missing.getMessage());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting functions", interrupted);
                }
            }
            return up;
        }
    }

    /** The rule patterns and filter policies that route into a queue (for the Event Ruler cross-check). */
    private io.eventflow.runtime.sources.DeliveryCheck deliveryCheck(String queueArn) {
        List<String> patterns = template.rules().stream()
                .filter(r -> r.targets().stream().anyMatch(t -> t.arn().equals(queueArn)))
                .map(Model.Rule::pattern)
                .toList();
        List<Model.Subscription> subs = template.subscriptions().stream()
                .filter(s -> s.endpoint().equals(queueArn))
                .toList();
        List<String> policies = subs.stream()
                        .anyMatch(s -> s.filterPolicy() == null
                                || s.rawMessageDelivery()
                                || !"MessageAttributes".equals(s.filterPolicyScope()))
                ? List.of()
                : subs.stream().map(Model.Subscription::filterPolicy).toList();
        return new io.eventflow.runtime.sources.DeliveryCheck(patterns, policies);
    }

    public FunctionContainer container(String logicalId) {
        return containers.get(logicalId);
    }

    /**
     * Serves {@code path} on the API's port with {@code handler} (the browser console); false when the template
     * has no HttpApi routes, so nothing listens.
     */
    public boolean serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        if (http == null) {
            return false;
        }
        http.serve(path, handler);
        return true;
    }

    public Clients clients() {
        return clients;
    }

    /** -1 when the template has no HttpApi routes. */
    public int port() {
        return http == null ? -1 : http.port();
    }

    public String describeSources() {
        StringBuilder sb = new StringBuilder();
        sqsPollers.forEach(p -> sb.append("  ").append(p.describe()).append('\n'));
        streamPollers.forEach(p -> sb.append("  ").append(p.describe()).append('\n'));
        return sb.toString();
    }

    /** Queues that only collect failures: redrive targets, OnFailure destinations, rule target DLQs. */
    public Set<String> dlqArns() {
        return template.dlqArns();
    }

    /** Messages per queue: visible + in flight + delayed. */
    public Map<Model.Queue, Integer> depths() {
        Map<Model.Queue, Integer> depths = new LinkedHashMap<>();
        for (Model.Queue q : template.queues()) {
            depths.put(q, depth(clients.sqs, template.queueUrl(q)));
        }
        return depths;
    }

    /** Messages in one queue: visible + in flight + delayed. */
    public static int depth(software.amazon.awssdk.services.sqs.SqsClient sqs, String queueUrl) {
        return sqs
                .getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }

    /** Nothing in flight, no stream records pending, every non-DLQ queue empty, and idle for {@code idleMillis}. */
    public boolean quiescent(long idleMillis) {
        if (activity.inFlight() > 0 || activity.idleMillis() < idleMillis) {
            return false;
        }
        if (streamPollers.stream().anyMatch(p -> p.buffered() > 0)) {
            return false;
        }
        Set<String> dlqs = dlqArns();
        return depths().entrySet().stream()
                .filter(e -> !dlqs.contains(e.getKey().arn()))
                .allMatch(e -> e.getValue() == 0);
    }

    /** Waits (bounded) until {@link #quiescent} holds twice in a row, idle for 1.5 s each time. */
    public boolean awaitQuiescence(long timeoutMillis) throws InterruptedException {
        return awaitQuiescence(Duration.ofMillis(1500), System.currentTimeMillis() + timeoutMillis, () -> false);
    }

    /**
     * Waits until {@link #quiescent quiescent(idle)} holds twice in a row (a batch that was between two polls the
     * first time shows the second), not counting while {@code paused} says so (a caller's own outage): true when it
     * did before {@code deadlineMillis}. A look the engine did not answer in time counts as not quiet, and is
     * repeated.
     */
    public boolean awaitQuiescence(Duration idle, long deadlineMillis, BooleanSupplier paused)
            throws InterruptedException {
        int streak = 0;
        while (System.currentTimeMillis() < deadlineMillis) {
            boolean quiet;
            try {
                quiet = !paused.getAsBoolean() && quiescent(idle.toMillis());
            } catch (SdkException slowEngine) {
                quiet = false;
            }
            streak = quiet ? streak + 1 : 0;
            if (streak >= 2) {
                return true;
            }
            Thread.sleep(QUIESCENCE_POLL_MILLIS);
        }
        return false;
    }

    @Override
    public void close() {
        sqsPollers.forEach(SqsPoller::stop);
        streamPollers.forEach(StreamPoller::stop);
        if (http != null) {
            http.close();
        }
        long stopBy = System.currentTimeMillis() + STOP_WAIT_MS;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, stopBy - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.forEach(Thread::interrupt);
        containers.values().forEach(FunctionContainer::close);
    }
}
