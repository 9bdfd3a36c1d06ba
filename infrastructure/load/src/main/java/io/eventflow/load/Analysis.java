package io.eventflow.load;

import io.eventflow.events.EventEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns what a run saw (sends, each order's stored events, deliveries, queue samples) into its {@link Report}. */
final class Analysis {
    /** Windows a constant run is cut into for the bend rule (each at least {@link #MIN_WINDOW_SECONDS}). */
    static final int WINDOWS = 6;

    static final int MIN_WINDOW_SECONDS = 5;

    /**
     * What a run saw.
     *
     * @param startWallMillis the wall-clock time of the schedule's start (intended send times are offsets from it)
     * @param events accepted order index to its stored events (empty when the store cannot be read)
     * @param drainEndMillis when the run stopped waiting: an unsettled order's latency is at least this minus its
     *     intended send time
     */
    record Run(
            Report.Target target,
            Report.Plan plan,
            Schedule schedule,
            long startWallMillis,
            List<OpenLoop.Send> sends,
            Map<Integer, List<EventEnvelope>> events,
            long drainEndMillis,
            List<Target.Delivery> deliveries,
            List<Double> sampleSeconds,
            Map<String, List<int[]>> queueSamples,
            List<String> notes,
            long elapsedMs) {}

    private Analysis() {}

    static Report report(Run run) {
        Schedule schedule = run.schedule();
        int n = run.sends().size();
        Latencies http = new Latencies();
        Latencies e2e = new Latencies();
        Map<String, Latencies> hops = new LinkedHashMap<>();
        Map<String, Integer> classes = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Report.Outcome> outcomes = new LinkedHashMap<>();
        Map<String, int[]> outcomeCounts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> ended = new LinkedHashMap<>();
        List<String> sampleErrors = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        Map<String, Long> eventTimes = new HashMap<>();
        int accepted = 0;
        int settled = 0;
        int unsettled = 0;
        int throttled = 0;
        int timeouts = 0;
        int ioErrors = 0;
        double maxLag = 0;
        long lastEnd = Long.MIN_VALUE;
        double[] e2eOf = new double[n];
        for (OpenLoop.Send s : run.sends()) {
            double httpMs = s.latencyNanos() / 1e6;
            http.record(httpMs);
            maxLag = Math.max(maxLag, s.dispatchLagNanos() / 1e6);
            long intendedWall = run.startWallMillis() + s.intendedNanos() / 1_000_000;
            String cls = s.status() == 0 ? "none" : (s.status() / 100) + "xx";
            classes.merge(cls, 1, Integer::sum);
            if (s.status() != 0) {
                statuses.merge(Integer.toString(s.status()), 1, Integer::sum);
            }
            throttled += s.status() == 429 || s.status() == 503 ? 1 : 0;
            if (s.status() == 0) {
                if (s.timedOut()) {
                    timeouts++;
                } else {
                    ioErrors++;
                }
            }
            if (s.error() != null && sampleErrors.size() < 5) {
                sampleErrors.add("#" + s.index() + ": " + s.error());
            }
            int[] oc = outcomeCounts.computeIfAbsent(s.path(), k -> new int[3]);
            Map<String, Integer> endedOfPath = ended.computeIfAbsent(s.path(), k -> new TreeMap<>());
            oc[0]++;
            e2eOf[s.index()] = -1;
            String end;
            if (!s.accepted()) {
                end = s.status() == 0 ? "ERROR" : Integer.toString(s.status());
            } else {
                accepted++;
                oc[1]++;
                List<EventEnvelope> events = run.events().getOrDefault(s.index(), List.of());
                String status = Settlement.of(s.orderId(), events);
                if (status != null) {
                    settled++;
                    long last = events.get(events.size() - 1).timestamp().toEpochMilli();
                    lastEnd = Math.max(lastEnd, last);
                    e2eOf[s.index()] = last - intendedWall;
                    e2e.record(e2eOf[s.index()]);
                    end = status;
                    if (expected(s.path()).equals(status)) {
                        oc[2]++;
                    }
                } else if (!run.events().isEmpty() || run.target().store()) {
                    unsettled++;
                    e2e.record(run.drainEndMillis() - intendedWall);
                    end = "UNSETTLED";
                } else {
                    end = "ACCEPTED";
                }
                endedOfPath.merge(end, 1, Integer::sum);
                hopsOf(events, intendedWall, hops);
                events.forEach(e -> eventTimes.put(e.eventId(), e.timestamp().toEpochMilli()));
            }
            points.add(new double[] {s.intendedNanos() / 1e9, round(httpMs), round(e2eOf[s.index()])});
            ends.add(end);
        }
        outcomeCounts.forEach((path, c) -> outcomes.put(path, new Report.Outcome(c[0], c[1], ended.get(path), c[2])));

        double seconds = schedule.durationNanos() / 1e9;
        Double settledRate =
                settled == 0 ? null : round(settled / Math.max(seconds, (lastEnd - run.startWallMillis()) / 1000.0));
        List<Report.Bucket> buckets = buckets(run, schedule, e2eOf);
        String unit = schedule.steps().size() > 1 ? "step" : "window";
        Knee.Result knee = Knee.find(
                buckets.stream()
                        .map(b -> new Knee.Bucket(
                                b.label(),
                                b.rate(),
                                Knee.p99(
                                        run.target().store()
                                                ? b.endToEnd().p99()
                                                : b.http().p99(),
                                        b.sent(),
                                        b.failed())))
                        .toList(),
                run.plan().kneeFactor(),
                unit);
        Map<String, Report.QueueLag> queues = new LinkedHashMap<>();
        run.queueSamples()
                .forEach((q, samples) -> queues.put(
                        q,
                        new Report.QueueLag(
                                samples.stream().mapToInt(x -> x[0]).max().orElse(0),
                                samples.stream().mapToInt(x -> x[1]).max().orElse(0),
                                samples)));
        return new Report(
                Report.METHOD,
                run.target(),
                run.plan(),
                new Report.Counts(schedule.size(), n, accepted, n - accepted, settled, unsettled),
                new Report.Throughput(
                        round(schedule.size() / seconds), round(accepted / seconds), settledRate, round(maxLag)),
                new Report.Http(classes, statuses, throttled, timeouts, ioErrors, http.summary(), sampleErrors),
                new Report.EndToEnd(e2e.summary(), unsettled, e2e.distribution()),
                outcomes,
                stats(hops),
                stats(deliveries(run.deliveries(), eventTimes)),
                buckets,
                knee,
                queues,
                run.notes(),
                new Report.Series(points, ends, http.distribution(), run.sampleSeconds()),
                run.elapsedMs());
    }

    static String expected(String path) {
        return "shipped".equals(path) ? "SHIPPED" : "CANCELLED";
    }

    /** request -> OrderPlaced, then each pair of consecutive events ("InventoryReserved -> PaymentAuthorized"). */
    private static void hopsOf(List<EventEnvelope> events, long intendedWall, Map<String, Latencies> hops) {
        String from = "request";
        long at = intendedWall;
        for (EventEnvelope e : events) {
            long t = e.timestamp().toEpochMilli();
            hops.computeIfAbsent(from + " -> " + e.eventType(), k -> new Latencies())
                    .record(t - at);
            from = e.eventType();
            at = t;
        }
    }

    /** Each first delivery of a stored event: from its timestamp to the start of the invoke, per consumer and source. */
    private static Map<String, Latencies> deliveries(List<Target.Delivery> deliveries, Map<String, Long> eventTimes) {
        Map<String, Latencies> out = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Target.Delivery d : deliveries) {
            Long stored = eventTimes.get(d.eventId());
            if (stored == null || !d.first() || !seen.add(d.function() + "|" + d.eventId())) {
                continue;
            }
            out.computeIfAbsent(d.function() + " <- " + d.source(), k -> new Latencies())
                    .record(d.startMillis() - stored);
        }
        return out;
    }

    private static List<Report.Stat> stats(Map<String, Latencies> m) {
        List<Report.Stat> out = new ArrayList<>();
        m.forEach((name, l) -> out.add(new Report.Stat(name, l.summary())));
        return out;
    }

    /** A ramp's steps; a constant run's windows of equal length. */
    static List<Report.Bucket> buckets(Run run, Schedule schedule, double[] e2eOf) {
        List<long[]> ranges = new ArrayList<>(); // [startNanos, endNanos]
        List<String> labels = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        if (schedule.steps().size() > 1) {
            for (Schedule.Step s : schedule.steps()) {
                ranges.add(new long[] {s.startNanos(), s.startNanos() + s.durationNanos()});
                labels.add(Guard.fmt(round(s.rate())) + "/s");
                rates.add(s.rate());
            }
        } else {
            long total = schedule.durationNanos();
            int windows = (int) Math.max(1, Math.min(WINDOWS, total / 1_000_000_000L / MIN_WINDOW_SECONDS));
            for (int w = 0; w < windows; w++) {
                long a = total * w / windows;
                long b = total * (w + 1) / windows;
                ranges.add(new long[] {a, b});
                labels.add(Math.round(a / 1e9) + "-" + Math.round(b / 1e9) + " s");
                rates.add(schedule.steps().get(0).rate());
            }
        }
        List<Report.Bucket> out = new ArrayList<>();
        for (int b = 0; b < ranges.size(); b++) {
            Latencies e2e = new Latencies();
            Latencies http = new Latencies();
            int sent = 0;
            int failed = 0;
            for (OpenLoop.Send s : run.sends()) {
                if (s.intendedNanos() >= ranges.get(b)[0] && s.intendedNanos() < ranges.get(b)[1]) {
                    sent++;
                    failed += s.accepted() ? 0 : 1;
                    http.record(s.latencyNanos() / 1e6);
                    if (s.accepted() && e2eOf[s.index()] >= 0) {
                        e2e.record(e2eOf[s.index()]);
                    } else if (s.accepted() && run.target().store()) {
                        e2e.record(run.drainEndMillis() - run.startWallMillis() - s.intendedNanos() / 1e6);
                    }
                }
            }
            out.add(new Report.Bucket(labels.get(b), round(rates.get(b)), sent, failed, e2e.summary(), http.summary()));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
