package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KneeTest {
    @Test
    void percentilesComeFromTheHistogram() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 100; i++) {
            l.record(i);
        }
        Latencies.Summary s = l.summary();

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50.0);
        assertThat(s.p95()).isEqualTo(95.0);
        assertThat(s.p99()).isEqualTo(99.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(l.distribution()).isNotEmpty().last().satisfies(p -> {
            assertThat(p.percentile()).isEqualTo(100.0);
            assertThat(p.ms()).isEqualTo(100.0);
        });
        assertThat(new Latencies().summary().p99()).isNull();
    }

    @Test
    void aValueBeyondTheRangeIsClampedNotDropped() {
        Latencies l = Latencies.of(-5, 10, 7_200_000);

        assertThat(l.count()).isEqualTo(3);
        assertThat(l.summary().max()).isGreaterThanOrEqualTo(3_600_000.0);
    }

    @Test
    void theKneeIsTheLastStepBeforeTheFirstWhoseP99ExceedsFactorTimesTheFirst() {
        Knee.Result r = Knee.find(
                List.of(
                        new Knee.Bucket("2/s", 2, 100.0),
                        new Knee.Bucket("4/s", 4, 150.0),
                        new Knee.Bucket("6/s", 6, null),
                        new Knee.Bucket("8/s", 8, 190.0),
                        new Knee.Bucket("10/s", 10, 250.0),
                        new Knee.Bucket("12/s", 12, 120.0)),
                2,
                "step");

        assertThat(r.baselineP99Ms()).isEqualTo(100.0);
        assertThat(r.knee().label()).isEqualTo("8/s");
        assertThat(r.bentAt().label()).isEqualTo("10/s");
        assertThat(r.verdict()).startsWith("bent at 10/s").contains("the last step within it: 8/s");
        assertThat(r.rule()).contains("2.0 x the first bucket's p99");
    }

    @Test
    void withinTheLineEverywhereItDidNotBend() {
        Knee.Result r = Knee.find(
                List.of(new Knee.Bucket("0-10 s", 20, 300.0), new Knee.Bucket("10-20 s", 20, 590.0)), 2, "window");

        assertThat(r.bentAt()).isNull();
        assertThat(r.knee().label()).isEqualTo("10-20 s");
        assertThat(r.verdict()).startsWith("did not bend");
        assertThat(Knee.find(List.of(new Knee.Bucket("x", 1, null)), 2, "step").verdict())
                .isEqualTo("nothing measured: no knee");
    }

    @Test
    void failedOrdersMakeABucketsP99Unbounded() {
        assertThat(Knee.p99(100.0, 200, 2)).isEqualTo(100.0);
        assertThat(Knee.p99(100.0, 200, 3)).isInfinite();

        Knee.Result r = Knee.find(
                List.of(new Knee.Bucket("0-10 s", 20, 900.0), new Knee.Bucket("10-20 s", 20, Knee.p99(null, 200, 200))),
                2,
                "window");

        assertThat(r.bentAt().label()).isEqualTo("10-20 s");
        assertThat(r.knee().label()).isEqualTo("0-10 s");
        assertThat(r.verdict())
                .isEqualTo("bent at 10-20 s (more than 1% of its orders failed); the last window within it: 0-10 s");
    }
}
