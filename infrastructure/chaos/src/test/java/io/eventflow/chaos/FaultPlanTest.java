package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void decisionsArePureFunctionsOfSeedAndKey() {
        FaultPlan a = new FaultPlan(5, 0.1, 0.1, 0.1, 0.1, 3, 0);
        FaultPlan b = new FaultPlan(5, 0.1, 0.1, 0.1, 0.1, 3, 0);
        for (int i = 0; i < 500; i++) {
            String k = "q|o" + i + "|OrderPlaced|1";
            assertThat(a.duplicate(k)).isEqualTo(b.duplicate(k));
            assertThat(a.crash(k)).isEqualTo(b.crash(k));
            assertThat(a.poison(i)).isEqualTo(b.poison(i));
        }
        assertThat(a.outageStartOrder(2000)).isEqualTo(b.outageStartOrder(2000)).isBetween(500, 1499);
    }

    @Test
    void ratesAreRoughlyHonouredAndZeroMeansNever() {
        FaultPlan p = new FaultPlan(11, 0.05, 0, 0, 0.5, 0, 0);
        long dup = IntStream.range(0, 10_000).filter(i -> p.duplicate("k" + i)).count();
        assertThat(dup).isBetween(400L, 600L);
        assertThat(IntStream.range(0, 10_000).filter(i -> p.crash("k" + i)).count())
                .isZero();
        assertThat(IntStream.range(0, 1000).filter(p::poison).count()).isBetween(420L, 580L);
    }

    @Test
    void ratesOutsideZeroOneAreRejected() {
        assertThatThrownBy(() -> new FaultPlan(1, 1.5, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(1, 0, 0, 0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorkloadIsTheSameForTheSameSeed() {
        FaultPlan p = new FaultPlan(3, 0, 0, 0, 0, 0, 0);
        assertThat(Workload.of(p, 300, "SKU-X-")).isEqualTo(Workload.of(p, 300, "SKU-X-"));
        Workload w = Workload.of(p, 300, "SKU-X-");
        long cancelled = w.orders().stream()
                .filter(o -> o.expected().equals("CANCELLED"))
                .count();
        assertThat(cancelled).isBetween(25L, 80L);
        w.orders()
                .forEach(o -> o.quantities().forEach((sku, q) -> {
                    if (!sku.endsWith("OUT")) {
                        assertThat(w.stock().get(sku)).isGreaterThanOrEqualTo(q);
                    }
                }));
        assertThat(w.stock().get("SKU-X-OUT")).isZero();
    }
}
