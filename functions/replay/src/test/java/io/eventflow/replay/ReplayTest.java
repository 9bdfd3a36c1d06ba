package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import io.eventflow.verify.StoredEventVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplayTest {
    private static final Instant DAY = Instant.parse("2026-11-28T00:00:00Z");
    private static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryReplayBus bus = new InMemoryReplayBus();
    private final FakePacing pacing = new FakePacing();
    private final Replay replay = new Replay(store, bus, pacing);

    ReplayTest() {
        bus.putRule("placed", ReplayBusContract.placedPattern(), InMemoryReplayBus.queueArn("placed"));
        bus.putRule("all", ReplayBusContract.allPattern(), InMemoryReplayBus.queueArn("all"));
    }

    private static ReplayRequest types(List<String> types, String target, Boolean dryRun, Integer rate, Integer max) {
        return new ReplayRequest(null, types, DAY, NEXT_DAY, target, rate, dryRun, max);
    }

    private List<String> idsIn(String queue) {
        return bus.queue(queue).stream()
                .map(j -> j.path("detail").path("eventId").asText())
                .toList();
    }

    /** A placed at 10:00, B placed at 10:01, B paid at 10:02, A paid at 10:03; one placed the day before. */
    private List<EventEnvelope> twoOrders() {
        Instant t = DAY.plus(Duration.ofHours(10));
        Stored.append(store, SampleEvents.orderPlaced("ORD-old"), DAY.minusSeconds(1));
        EventEnvelope a1 = Stored.append(store, SampleEvents.orderPlaced("ORD-a"), t);
        EventEnvelope b1 = Stored.append(store, SampleEvents.orderPlaced("ORD-b"), t.plusSeconds(60));
        EventEnvelope b2 =
                Stored.append(store, new PaymentAuthorized("ORD-b", "PAY-b", 7499, "EUR"), t.plusSeconds(120));
        EventEnvelope a2 =
                Stored.append(store, new PaymentAuthorized("ORD-a", "PAY-a", 7499, "EUR"), t.plusSeconds(180));
        return List.of(a1, b1, b2, a2);
    }

    @Test
    void severalTypesAreMergedInTimestampOrderAndSentAsReplaysWithTheirOwnEventIds() {
        List<EventEnvelope> expected = twoOrders();

        ReplayReport report =
                replay.replay(types(List.of("PaymentAuthorized", "OrderPlaced"), "bus", null, null, null));

        assertThat(report.matched()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.failed()).isZero();
        assertThat(report.dryRun()).isFalse();
        assertThat(idsIn("all"))
                .containsExactlyElementsOf(
                        expected.stream().map(EventEnvelope::eventId).toList());
        for (ObjectNode got : bus.queue("all")) {
            assertThat(got.path("detail").path("replay").asBoolean()).isTrue();
        }
        assertThat(idsIn("placed"))
                .containsExactly(expected.get(0).eventId(), expected.get(1).eventId());
    }

    @Test
    void replayedOrdersCarryNoContactDataAndStillVerifyAgainstTheStore() {
        twoOrders();

        replay.replay(types(List.of("OrderPlaced"), "bus", null, null, null));
        replay.replay(types(List.of("OrderPlaced"), "rule:placed", null, null, null));

        assertThat(bus.queue("all")).hasSize(2);
        assertThat(bus.queue("placed")).hasSize(4);
        for (ObjectNode got : concat(bus.queue("all"), bus.queue("placed"))) {
            ObjectNode data = (ObjectNode) got.path("detail").path("data");
            assertThat(data.has("customerEmail") || data.has("customerPhone") || data.has("placedBy"))
                    .isFalse();
            assertThat(data.path("items").size()).isEqualTo(2);
            new StoredEventVerifier(store).verify(EventBridgeMessages.envelope(got.toString()));
        }
    }

    private static List<ObjectNode> concat(List<ObjectNode> a, List<ObjectNode> b) {
        List<ObjectNode> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aStreamIsReplayedInSequenceOrder() {
        List<EventEnvelope> events = twoOrders();
        Stored.append(store, new OrderConfirmed("ORD-a", "PAY-a"), DAY.plus(Duration.ofHours(11)));

        ReplayReport report = replay.replay(new ReplayRequest("Order-ORD-a", null, null, null, null, null, null, null));

        assertThat(report.sent()).isEqualTo(3);
        assertThat(bus.queue("all"))
                .extracting(j -> j.path("detail").path("sequence").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(idsIn("all"))
                .startsWith(events.get(0).eventId(), events.get(3).eventId());
    }

    @Test
    void aDryRunCountsAndSendsNothing() {
        twoOrders();

        ReplayReport report =
                replay.replay(types(List.of("OrderPlaced", "PaymentAuthorized"), "bus", true, null, null));

        assertThat(report.matched()).isEqualTo(4);
        assertThat(report.sent()).isZero();
        assertThat(report.dryRun()).isTrue();
        assertThat(bus.calls()).isZero();
    }

    @Test
    void maxEventsCapsTheRun() {
        twoOrders();

        ReplayReport report = replay.replay(types(List.of("OrderPlaced", "PaymentAuthorized"), "bus", null, null, 3));

        assertThat(report.matched()).isEqualTo(3);
        assertThat(report.sent()).isEqualTo(3);
        assertThat(report.capped()).isTrue();
    }

    @Test
    void theRateLimitPacesBatchesWithoutRealSleeping() {
        for (int i = 0; i < 100; i++) {
            Stored.append(store, SampleEvents.orderPlaced("ORD-r" + i), DAY.plusMillis(i));
        }

        ReplayReport report = replay.replay(types(List.of("OrderPlaced"), "bus", null, 20, null));

        assertThat(report.sent()).isEqualTo(100);
        // a bucket of one batch (10) is there at once; the other 90 events cost 90 / 20 = 4.5 s
        assertThat(pacing.slept()).isBetween(Duration.ofMillis(4_490), Duration.ofMillis(4_510));
        assertThat(report.elapsedMs()).isBetween(4_490L, 4_510L);
        assertThat(bus.calls()).isEqualTo(10);
    }

    @Test
    void aLowRateSendsSmallerBatches() {
        twoOrders();

        replay.replay(types(List.of("OrderPlaced", "PaymentAuthorized"), "bus", null, 2, null));

        assertThat(bus.calls()).isEqualTo(2);
        assertThat(pacing.slept()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failedEventsAreRetriedABoundedNumberOfTimes() {
        List<EventEnvelope> events = twoOrders();
        bus.failNext(events.get(0).eventId(), "ThrottlingException", true, 2); // passes on the 3rd try
        bus.failNext(events.get(1).eventId(), "ThrottlingException", true, 5); // never passes
        bus.failNext(events.get(2).eventId(), "MalformedDetail", false, 1); // not retried

        ReplayReport report =
                replay.replay(types(List.of("OrderPlaced", "PaymentAuthorized"), "bus", null, null, null));

        assertThat(report.matched()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(2);
        assertThat(report.failedEventIds())
                .containsExactly(events.get(1).eventId(), events.get(2).eventId());
        assertThat(bus.calls()).isEqualTo(Replay.MAX_ATTEMPTS);
        assertThat(idsIn("all"))
                .containsExactly(events.get(3).eventId(), events.get(0).eventId());
    }

    @Test
    void aRuleTargetGetsOnlyWhatItsPatternMatchesAndNoOtherRuleGetsAnything() {
        List<EventEnvelope> events = twoOrders();

        ReplayReport report =
                replay.replay(types(List.of("OrderPlaced", "PaymentAuthorized"), "rule:placed", null, null, null));

        assertThat(report.matched()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.notMatched()).isEqualTo(2);
        assertThat(idsIn("placed"))
                .containsExactly(events.get(0).eventId(), events.get(1).eventId());
        assertThat(bus.queue("all")).isEmpty();
    }

    @Test
    void nearTheTimeoutTheRunStopsAndSaysWhereToResume() {
        List<EventEnvelope> stored = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            stored.add(Stored.append(store, SampleEvents.orderPlaced("ORD-t" + i), DAY.plusSeconds(i)));
        }
        AtomicInteger checks = new AtomicInteger();

        ReplayReport report = replay.replay(
                types(List.of("OrderPlaced"), "bus", null, null, null), () -> checks.incrementAndGet() > 2);

        assertThat(report.matched()).isEqualTo(20);
        assertThat(report.sent()).isEqualTo(20);
        assertThat(report.resumeFrom()).isEqualTo(stored.get(20).timestamp());
    }
}
