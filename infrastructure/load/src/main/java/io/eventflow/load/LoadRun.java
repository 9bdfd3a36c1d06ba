package io.eventflow.load;

import io.eventflow.events.EventEnvelope;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One load run against a {@link Target}: the schedule is sent open loop while the queues are sampled and (in
 * process) every delivery is recorded; then the run drains (bounded by the drain timeout) and reads each accepted
 * order's events from the store once it is settled.
 */
final class LoadRun {
    /** How often the store is read for orders not yet settled, when the target cannot say it is idle. */
    static final Duration POLL = Duration.ofSeconds(2);

    private final Target target;
    private final Report.Plan plan;
    private final Schedule schedule;
    private final Mix mix;
    private final PrintStream progress;

    LoadRun(Target target, Report.Plan plan, Schedule schedule, Mix mix, PrintStream progress) {
        this.target = target;
        this.plan = plan;
        this.schedule = schedule;
        this.mix = mix;
        this.progress = progress;
    }

    Report run(int sampleSeconds) throws Exception {
        long began = System.currentTimeMillis();
        List<Target.Delivery> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
        target.watch(deliveries::add);
        String tag = "load-" + Long.toString(began, 36);
        Duration timeout = Duration.ofSeconds(plan.requestTimeoutSeconds());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        // The first send a little after now: the schedule starts on time, not behind.
        long startNanos = System.nanoTime() + 200_000_000L;
        long startWall = System.currentTimeMillis() + 200;
        List<OpenLoop.Send> sends;
        QueueSampler sampler = new QueueSampler(
                target.sqs(), target.sqs() == null ? Map.of() : target.queues(), startWall, sampleSeconds);
        long drainEnd;
        Map<Integer, List<EventEnvelope>> events;
        List<String> notes = new ArrayList<>();
        try {
            progress.println("load: " + schedule.size() + " orders over " + plan.durationSeconds() + " s ("
                    + describeRates() + ") to " + target.describe());
            int[] tick = {0};
            sends = OpenLoop.run(
                    schedule,
                    startNanos,
                    i -> mix.pathOf(plan.seed(), i),
                    i -> target.order(
                            Mix.body(mix.pathOf(plan.seed(), i), i, tag, target.catalog()), tag + "-" + i, timeout),
                    http,
                    () -> {
                        if (++tick[0] % 10 == 0) {
                            progress.println("load: " + tick[0] + " s");
                        }
                    });
            long accepted = sends.stream().filter(OpenLoop.Send::accepted).count();
            progress.println("load: sent " + sends.size() + ", accepted " + accepted + "; draining (up to "
                    + plan.drainTimeoutSeconds() + " s)");
            long deadline = System.currentTimeMillis() + plan.drainTimeoutSeconds() * 1000L;
            events = target.readsStore() ? drain(sends, deadline) : Map.of();
            drainEnd = Math.min(System.currentTimeMillis(), deadline);
        } finally {
            sampler.close();
            http.shutdownNow();
        }
        deliveries.addAll(target.recorded(began));
        if (!target.readsStore()) {
            notes.add(
                    "the store cannot be read from here: end-to-end and hop latencies are not measured, only the API's answers");
        }
        if (target.sqs() == null) {
            notes.add("the queues cannot be read from here: no queue depths");
        }
        if (deliveries.isEmpty()) {
            notes.add("no delivery record (only the local runtime and a running `up` keep one): no per-consumer waits");
        }
        long timedOut = sends.stream().filter(OpenLoop.Send::timedOut).count();
        if (timedOut > 0) {
            notes.add(timedOut + " requests timed out here after " + plan.requestTimeoutSeconds()
                    + " s; the API may still"
                    + " have placed those orders (they load the target unmeasured: see the queue depths); a longer"
                    + " --request-timeout measures them");
        }
        if (!"local".equals(target.kind())) {
            notes.add(
                    "latencies compare this machine's clock with the target's event timestamps: clock skew adds to them");
        }
        return Analysis.report(new Analysis.Run(
                new Report.Target(target.kind(), target.describe(), target.api().toString(), target.readsStore()),
                plan,
                schedule,
                startWall,
                sends,
                events,
                drainEnd,
                List.copyOf(deliveries),
                sampler.seconds(),
                sampler.samples(),
                notes,
                System.currentTimeMillis() - began));
    }

    private String describeRates() {
        if (schedule.steps().size() == 1) {
            return Guard.fmt(plan.rate()) + "/s";
        }
        return "ramp " + Guard.fmt(plan.rate()) + " to " + Guard.fmt(plan.rampTo()) + "/s in "
                + schedule.steps().size() + " steps";
    }

    /**
     * Waits until every accepted order is settled or the deadline passes; returns each accepted order's events. A
     * target that can tell when it is idle is asked first (no reads meanwhile: they would load the engine under
     * test); the store is then read for each order, again every {@link #POLL} for those not settled yet.
     */
    private Map<Integer, List<EventEnvelope>> drain(List<OpenLoop.Send> sends, long deadline) throws Exception {
        Map<Integer, List<EventEnvelope>> events = new ConcurrentHashMap<>();
        Set<OpenLoop.Send> open = new HashSet<>();
        sends.stream().filter(OpenLoop.Send::accepted).forEach(open::add);
        target.awaitIdle(deadline);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            while (true) {
                List<Future<?>> reads = new ArrayList<>();
                for (OpenLoop.Send s : open) {
                    reads.add(pool.submit(() -> events.put(s.index(), target.events(s.orderId()))));
                }
                for (Future<?> f : reads) {
                    f.get();
                }
                open.removeIf(s -> Settlement.of(s.orderId(), events.get(s.index())) != null);
                if (open.isEmpty() || System.currentTimeMillis() + POLL.toMillis() > deadline) {
                    break;
                }
                progress.println("load: " + open.size() + " orders not settled yet");
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            pool.shutdownNow();
        }
        return events;
    }
}
