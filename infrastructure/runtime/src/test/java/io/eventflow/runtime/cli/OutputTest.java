package io.eventflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.trace.InvocationLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `up` prints per hop, the visibility note, and how `trace` counts attempts. */
class OutputTest {
    private static Activity.Hop hop(String function, String outcome, Activity.Item... items) {
        return new Activity.Hop(
                Instant.parse("2026-11-30T06:00:00.123Z"),
                function,
                "SQS q",
                List.of(items).stream().map(Activity.Item::eventType).toList(),
                List.of(),
                outcome,
                12,
                -1,
                null,
                List.of(),
                List.of(items));
    }

    @Test
    void aHopLineNamesTheOrderAndMarksReplays() {
        String line = HopLine.of(
                hop("InventoryFunction", "ok", new Activity.Item("m1", "e1", "OrderPlaced", "ORD-1", "c1", true, 1)));
        assertThat(line)
                .startsWith("06:00:00.123  ORD-1")
                .contains("OrderPlaced", "-> InventoryFunction", "ok", "12 ms")
                .endsWith("replay");
    }

    @Test
    void aRejectedRequestSaysRejectedWithItsStatus() {
        String line = HopLine.of(hop(
                "OrderApiFunction",
                "rejected 422",
                new Activity.Item(null, null, "POST /orders", null, null, false, 0)));
        assertThat(line).contains("POST /orders", "rejected 422").doesNotContain("replay");
    }

    @Test
    void theVisibilityNoteIsOneQueuePerLine() {
        String table = VisibilityNote.table(
                "note: queue visibility timeouts scaled down for local runs (messages of a failed batch"
                        + " come back sooner): InventoryQueue 60s->5s, PaymentQueue 60s->5s");
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().skip(1)).allSatisfy(l -> assertThat(l).matches("  \\w+ +60s -> 5s"));
    }

    @Test
    void attemptsCountRetriesOfOneEventToOneFunction() {
        var item = new Activity.Item("7", "e1", "OrderPlaced", "ORD-1", "c1", false, 0);
        var failed = new InvocationLog.Invocation(
                "t1", "ProjectorFunction", "DynamoDB t", "error Boom", 5, "r1", List.of("7"), List.of(item));
        var ok = new InvocationLog.Invocation(
                "t2", "ProjectorFunction", "DynamoDB t", "ok", 5, "r2", List.of(), List.of(item));
        var deliveries = io.eventflow.runtime.trace.OrderTimelineAccess.deliveries(List.of(failed, ok), "ORD-1");
        assertThat(deliveries).extracting(d -> d.attempt() + " " + d.failed()).containsExactly("1 true", "2 false");
    }
}
