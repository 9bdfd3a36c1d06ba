package io.eventflow.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies of one kind (end to end, HTTP, one hop) in an HdrHistogram: microseconds, 3 significant digits, up to an
 * hour; a value outside that range is clamped, never dropped (a lost value would flatter the tail).
 */
public final class Latencies {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    /** p50, p95, p99 and max in milliseconds; null percentiles when there is no value. */
    public record Summary(long count, Double p50, Double p95, Double p99, Double max) {}

    /** One point of the percentile plot: {@code percentile} (0-100) and its latency in milliseconds. */
    public record Point(double percentile, double ms) {}

    public Latencies record(double millis) {
        long micros = Math.round(millis * 1000);
        histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
        return this;
    }

    public static Latencies of(double... millis) {
        Latencies l = new Latencies();
        for (double m : millis) {
            l.record(m);
        }
        return l;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public Summary summary() {
        if (count() == 0) {
            return new Summary(0, null, null, null, null);
        }
        return new Summary(count(), at(50), at(95), at(99), ms(histogram.getMaxValue()));
    }

    /** The latency at {@code percentile} (0-100), in milliseconds (the histogram's highest equivalent value). */
    public double at(double percentile) {
        return ms(histogram.getValueAtPercentile(percentile));
    }

    /** The percentile distribution, denser towards the tail (HdrHistogram's percentile iteration). */
    public List<Point> distribution() {
        List<Point> out = new ArrayList<>();
        if (count() == 0) {
            return out;
        }
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            out.add(new Point(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
            if (v.getPercentileLevelIteratedTo() >= 100.0) {
                break;
            }
        }
        return out;
    }

    private double ms(long micros) {
        return Math.round(histogram.highestEquivalentValue(micros) / 100.0) / 10.0;
    }
}
