package io.eventflow.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a load run (written to report.json; report.html draws the same record). Latencies in
 * milliseconds; times of the series in seconds after the run's start.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
        String method,
        Target target,
        Plan plan,
        Counts counts,
        Throughput throughput,
        Http http,
        EndToEnd endToEnd,
        Map<String, Outcome> outcomes,
        List<Stat> hops,
        List<Stat> deliveries,
        List<Bucket> buckets,
        Knee.Result knee,
        Map<String, QueueLag> queues,
        List<String> notes,
        Series series,
        long elapsedMs) {
    public static final String METHOD = "open loop: every send is scheduled at its intended time before the run and"
            + " sent then whatever the earlier answers; every latency is measured from the intended send time, so a slow"
            + " target (or a late generator) shows as latency, not as fewer sends (no coordinated omission)."
            + " End to end: from the intended send time to the order's last stored event once settled (shipped, or"
            + " cancelled with its stock released); hops: between consecutive stored events; deliveries:"
            + " a stored event's timestamp to the start of the invoke that got it first.";

    public record Target(String kind, String description, String api, boolean store) {}

    public record Plan(
            String mode,
            double rate,
            Double rampTo,
            int steps,
            int durationSeconds,
            Map<String, Double> mix,
            long seed,
            double maxRate,
            double kneeFactor,
            int drainTimeoutSeconds,
            int requestTimeoutSeconds) {}

    /**
     * @param settled accepted orders that reached their end within the drain timeout
     * @param unsettled accepted orders that did not (their latency counts as the time waited: a lower bound)
     */
    public record Counts(int planned, int sent, int accepted, int rejected, int settled, int unsettled) {}

    /** Orders per second: offered by the schedule, accepted by the API, settled end to end. */
    public record Throughput(double offered, double accepted, Double settled, double maxGeneratorLagMs) {}

    public record Http(
            Map<String, Integer> classes,
            Map<String, Integer> statuses,
            int throttled,
            int timeouts,
            int ioErrors,
            Latencies.Summary latency,
            List<String> sampleErrors) {}

    public record EndToEnd(Latencies.Summary latency, int censored, List<Latencies.Point> distribution) {}

    public record Outcome(int sent, int accepted, Map<String, Integer> ended, int asExpected) {}

    /** Percentiles of one hop or delivery. */
    public record Stat(String name, Latencies.Summary latency) {}

    /** One step of a ramp, or one window of a constant run. */
    public record Bucket(
            String label, double rate, int sent, int failed, Latencies.Summary endToEnd, Latencies.Summary http) {}

    /** Sampled depths: visible (ApproximateNumberOfMessages) and in flight (...NotVisible). */
    public record QueueLag(int maxVisible, int maxInFlight, List<int[]> samples) {}

    /**
     * Per order: [intended send s, HTTP ms, end-to-end ms or -1 (not settled)], and its end (SHIPPED, CANCELLED,
     * UNSETTLED, or the HTTP status / error); the percentile plot of HTTP latency; sample times of the queues.
     */
    public record Series(
            List<double[]> orders,
            List<String> ends,
            List<Latencies.Point> httpDistribution,
            List<Double> sampleSeconds) {}

    /** The one line printed on stdout: counts, rates, end-to-end percentiles, HTTP p99, throttles and the bend. */
    public record Summary(
            int sent,
            int accepted,
            int settled,
            int unsettled,
            double offeredPerSecond,
            double acceptedPerSecond,
            Double settledPerSecond,
            Latencies.Summary e2eMs,
            Double httpP99Ms,
            int throttled,
            int errors,
            String bend) {}

    public String summary() {
        return io.eventflow.runtime.Json.write(new Summary(
                counts.sent(),
                counts.accepted(),
                counts.settled(),
                counts.unsettled(),
                throughput.offered(),
                throughput.accepted(),
                throughput.settled(),
                endToEnd.latency(),
                http.latency().p99(),
                http.throttled(),
                counts.sent() - counts.accepted(),
                knee.verdict()));
    }
}
