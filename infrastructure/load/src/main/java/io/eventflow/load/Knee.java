package io.eventflow.load;

import java.util.List;

/**
 * Where latency bends. The rule: the baseline is the p99 of the first bucket (the lowest rate of a ramp, or the first
 * window of a constant run); latency has bent at the first bucket whose p99 exceeds {@code factor} x the baseline;
 * the knee is the bucket before it (a ramp: the highest rate the target took with its p99 within factor x the
 * low-rate p99). No bucket over the line: it did not bend within the run. A bucket with no latency (nothing sent or
 * nothing measured) is skipped.
 */
public final class Knee {
    private Knee() {}

    /**
     * One step of a ramp or window of a constant run.
     *
     * @param label what the bucket is, for the verdict ("8.0/s", "20-30 s")
     * @param rate the offered rate of the bucket (orders/s)
     * @param p99Ms null when nothing was measured in it
     */
    public record Bucket(String label, double rate, Double p99Ms) {}

    /**
     * @param baselineP99Ms the first measured bucket's p99
     * @param knee the last bucket within the line before it bent (null: it bent at the first step after the baseline
     *     or nothing was measured)
     * @param bentAt the first bucket over the line (null: it did not bend)
     */
    public record Result(
            String rule, double factor, Double baselineP99Ms, Bucket knee, Bucket bentAt, String verdict) {}

    /** The share of a bucket's orders that may fail (not accepted) before its p99 counts as unbounded. */
    public static final double FAILED_SHARE = 0.01;

    public static String rule(double factor) {
        return "latency bends at the first bucket whose end-to-end p99 exceeds " + factor
                + " x the first bucket's p99 (a ramp: its lowest rate), or more than 1% of whose orders failed (a failed"
                + " order never completes: its p99 is unbounded); the knee is the bucket before it";
    }

    /** The p99 the rule reads: unbounded when more than {@link #FAILED_SHARE} of the bucket's orders failed. */
    public static Double p99(Double measured, int sent, int failed) {
        return sent > 0 && failed > FAILED_SHARE * sent ? Double.POSITIVE_INFINITY : measured;
    }

    public static Result find(List<Bucket> buckets, double factor, String unit) {
        Bucket base = null;
        Bucket last = null;
        for (Bucket b : buckets) {
            if (b.p99Ms() == null) {
                continue;
            }
            if (base == null && b.p99Ms().isInfinite()) {
                return new Result(
                        rule(factor),
                        factor,
                        null,
                        null,
                        b,
                        "bent at once: more than 1% of the orders of the first " + unit + " (" + b.label()
                                + ") failed");
            }
            if (base == null) {
                base = b;
                last = b;
                continue;
            }
            if (b.p99Ms() > factor * base.p99Ms()) {
                String why = b.p99Ms().isInfinite()
                        ? "more than 1% of its orders failed"
                        : "p99 " + b.p99Ms() + " ms > " + factor + " x " + base.p99Ms() + " ms";
                return new Result(
                        rule(factor),
                        factor,
                        base.p99Ms(),
                        last,
                        b,
                        "bent at " + b.label() + " (" + why + "); the last " + unit + " within it: " + last.label());
            }
            last = b;
        }
        if (base == null) {
            return new Result(rule(factor), factor, null, null, null, "nothing measured: no knee");
        }
        return new Result(
                rule(factor),
                factor,
                base.p99Ms(),
                last,
                null,
                "did not bend: every " + unit + " stayed within " + factor + " x the first p99 (" + base.p99Ms()
                        + " ms), up to " + last.label());
    }
}
