package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The replay check names every kind of change a non-idempotent consumer could make. */
class ReplayPhaseTest {
    private static ReplayPhase.Effects effects(
            long items, List<String> handled, String stock, String view, int dlq, long emails, long sms) {
        return new ReplayPhase.Effects(
                items,
                new TreeSet<>(handled),
                Map.of("SKU-1", stock),
                Map.of("o-1", view),
                Map.of("InventoryDLQ", dlq),
                emails,
                sms);
    }

    private final ReplayPhase.Effects before =
            effects(10, List.of("inventory#e1=COMPLETED"), "available=5", "SHIPPED", 1, 3, 1);

    @Test
    void sameEffectsPass() {
        List<String> failures = new ArrayList<>();
        ReplayPhase.compare(
                failures, before, effects(10, List.of("inventory#e1=COMPLETED"), "available=5", "SHIPPED", 1, 3, 1));
        assertThat(failures).isEmpty();
    }

    @Test
    void everyChangeIsNamed() {
        List<String> failures = new ArrayList<>();
        ReplayPhase.compare(
                failures,
                before,
                effects(
                        11,
                        List.of("inventory#e1=COMPLETED", "payment#e9=COMPLETED"),
                        "available=4",
                        "CANCELLED",
                        2,
                        4,
                        2));
        assertThat(failures).hasSize(6);
        assertThat(String.join("\n", failures))
                .contains("event store items 10 -> 11")
                .contains("payment#e9=COMPLETED")
                .contains("inventory SKU-1: available=5 -> available=4")
                .contains("order view o-1: SHIPPED -> CANCELLED")
                .contains("DLQ depths")
                .contains("emails 1, SMS 1");
    }
}
