package io.eventflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.OrderPlaced;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.relay.EventRelay.StreamEvent;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import io.eventflow.verify.StoredEventVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRelayTest {
    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final List<Duration> sleeps = new ArrayList<>();
    private final EventRelay relay = new EventRelay(bus, 3, Duration.ofMillis(100), sleeps::add);

    private static List<StreamEvent> streamEvents(int n) {
        var types = SampleEvents.everyType("ORD-7");
        List<StreamEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EventEnvelope e = SampleEvents.draft(types.get(i % types.size())).positioned("Order-ORD-7", i + 1);
            out.add(new StreamEvent("10000000000000000000000" + i, e));
        }
        return out;
    }

    @Test
    void publishesEveryEventOnceWhenTheBusAcceptsThem() {
        var events = streamEvents(4);

        assertThat(relay.relay(events)).isEmpty();

        assertThat(bus.entries()).hasSize(4);
        assertThat(bus.calls()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anOrderGoesOnTheBusWithoutContactDataAndVerifiesAgainstTheStore() {
        InMemoryEventStore store = new InMemoryEventStore();
        OrderPlaced placed = new OrderPlaced(
                "ORD-7",
                "CUST-42",
                "ada@example.com",
                "+15550100042",
                SampleEvents.items(),
                "EUR",
                7499,
                "arn:aws:iam::000000000000:user/ada");
        store.append("Order-ORD-7", 0, List.of(SampleEvents.draft(placed)));
        EventEnvelope stored = store.readStream("Order-ORD-7", 1).get(0);

        assertThat(relay.relay(List.of(new StreamEvent("1", stored)))).isEmpty();

        String detail = bus.entries().get(0).detail();
        assertThat(detail).doesNotContain("ada@example.com", "+15550100042", "user/ada", "customerEmail");
        EventEnvelope received = EventBridgeMessages.envelope(
                bus.entries().get(0).asEventBridgeEvent().toString());
        assertThat(received.data().path("items")).isEqualTo(stored.data().path("items"));
        new StoredEventVerifier(store).verify(received);
    }

    @Test
    void retriesOnlyTheFailedEntriesWithGrowingBackoff() {
        var events = streamEvents(3);
        bus.failNext(events.get(1).envelope().eventId(), "ThrottlingException", 2);

        assertThat(relay.relay(events)).isEmpty();

        assertThat(bus.entries())
                .extracting(InMemoryEventBus.Entry::detail)
                .hasSize(3)
                .filteredOn(d -> d.contains(events.get(1).envelope().eventId()))
                .hasSize(1);
        assertThat(bus.calls()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void reportsTheFirstFailingSequenceNumberInBatchOrderWhenRetriesRunOut() {
        var events = streamEvents(4);
        bus.failNext(events.get(3).envelope().eventId(), "InternalFailure", 10);
        bus.failNext(events.get(1).envelope().eventId(), "InternalFailure", 10);

        Optional<String> failed = relay.relay(events);

        assertThat(failed).contains(events.get(1).sequenceNumber());
        assertThat(bus.calls()).isEqualTo(3);
        assertThat(bus.entries()).hasSize(2);
    }

    @Test
    void doesNotRetryPermanentEntryErrors() {
        var events = streamEvents(2);
        bus.failNext(events.get(0).envelope().eventId(), "MalformedDetail", 10);

        assertThat(relay.relay(events)).contains(events.get(0).sequenceNumber());

        assertThat(bus.calls()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void nothingToRelayCallsNothing() {
        assertThat(relay.relay(List.of())).isEmpty();
        assertThat(bus.calls()).isZero();
    }
}
