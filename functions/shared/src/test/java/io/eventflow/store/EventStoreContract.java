package io.eventflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.BusPayload;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.InvalidEventException;
import io.eventflow.events.OrderPlaced;
import io.eventflow.testing.SampleEvents;
import io.eventflow.verify.StoredEventVerifier;
import io.eventflow.verify.UnverifiedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventStore} must have. Runs against the in-memory twin (unit test) and
 * against DynamoDB on the emulator (integration test), so the twin cannot drift from the real store.
 */
public abstract class EventStoreContract {
    protected abstract EventStore store();

    private String orderId;
    private String stream;

    @BeforeEach
    void newStream() {
        orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        stream = "Order-" + orderId;
    }

    private List<EventEnvelope> drafts(int n) {
        List<EventEnvelope> out = new ArrayList<>();
        var types = SampleEvents.everyType(orderId);
        for (int i = 0; i < n; i++) {
            out.add(SampleEvents.draft(types.get(i % types.size()), SampleEvents.T0.plusMillis(i)));
        }
        return out;
    }

    @Test
    void findsOneEventByItsPositionAndNothingElsewhere() {
        store().append(stream, 0, drafts(3));
        List<EventEnvelope> read = store().readStream(stream, 1);

        assertThat(store().find(stream, 2)).contains(read.get(1));
        assertThat(store().find(stream, 4)).isEmpty();
        assertThat(store().find(stream, 0)).isEmpty();
        assertThat(store().find("Order-never-written", 1)).isEmpty();
    }

    @Test
    void findsTheEventsAtSeveralPositionsTogetherAndLeavesOutWhatIsNotThere() {
        store().append(stream, 0, drafts(3));
        List<EventEnvelope> read = store().readStream(stream, 1);

        List<EventEnvelope> found = store().findAll(List.of(
                new EventStore.Position(stream, 3),
                new EventStore.Position(stream, 1),
                new EventStore.Position(stream, 1),
                new EventStore.Position(stream, 4),
                new EventStore.Position("Order-never-written", 1),
                new EventStore.Position(stream, 0)));
        assertThat(found).containsExactlyInAnyOrder(read.get(0), read.get(2));
        assertThat(store().findAll(List.of())).isEmpty();
    }

    @Test
    void theVerifierReadsABatchAheadAndStillRefusesWhatItDidNotFind() {
        store().append(stream, 0, drafts(3));
        List<EventEnvelope> read = store().readStream(stream, 1);
        StoredEventVerifier verifier = new StoredEventVerifier(store());
        EventEnvelope notStored = read.get(2).positioned(stream, 9);

        verifier.readAhead(List.of(read.get(0), read.get(2), notStored));
        verifier.verify(read.get(0));
        verifier.verify(read.get(2));
        verifier.verify(read.get(1)); // not read ahead: read on its own
        assertThatThrownBy(() -> verifier.verify(notStored)).isInstanceOf(UnverifiedEventException.class);
    }

    @Test
    void theVerifierAcceptsAStoredEventAndRefusesEverythingElse() {
        store().append(stream, 0, drafts(3));
        EventEnvelope stored = store().readStream(stream, 1).get(1);
        StoredEventVerifier verifier = new StoredEventVerifier(store());

        verifier.verify(stored);
        verifier.verify(stored.asReplay()); // a replay is the same stored event
        ObjectNode altered = stored.data().deepCopy();
        ((ObjectNode) altered.get("items").get(0)).put("quantity", 999);
        assertThatThrownBy(() -> verifier.verify(stored.withData(stored.version(), altered)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageContaining("its data differs");
        assertThatThrownBy(() -> verifier.verify(stored.positioned(stream, 3)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageContaining("the store holds");
        assertThatThrownBy(() -> verifier.verify(stored.positioned("Order-ORD-elsewhere", 2)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageContaining("no such event");
        assertThatThrownBy(() -> verifier.verify(stored.positioned(null, 0)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageStartingWith("unverified: ")
                .hasMessageContaining("names no stream position");
        assertThatThrownBy(
                        () -> StoredEventVerifier.verifyIn(stored.positioned(stream, 3), store().readStream(stream, 1)))
                .isInstanceOf(UnverifiedEventException.class);
        StoredEventVerifier.verifyIn(stored, store().readStream(stream, 1));
    }

    @Test
    void theVerifierAcceptsTheBusFormOfAStoredEventWithoutItsContactDataAndNothingElse() {
        OrderPlaced placed = new OrderPlaced(
                orderId,
                "CUST-42",
                "ada@example.com",
                "+15550100042",
                SampleEvents.items(),
                "EUR",
                7499,
                "arn:aws:iam::000000000000:user/ada");
        store().append(stream, 0, List.of(SampleEvents.draft(placed)));
        EventEnvelope stored = store().readStream(stream, 1).get(0);
        EventEnvelope published = BusPayload.of(stored);
        StoredEventVerifier verifier = new StoredEventVerifier(store());

        assertThat(published.data().has("customerEmail")).isFalse();
        verifier.verify(published);
        verifier.verify(published.asReplay());
        StoredEventVerifier.verifyIn(published, store().readStream(stream, 1));
        verifier.verify(stored); // published in full before the bus form existed: still the stored event
        ObjectNode otherEmail = published.data().deepCopy().put("customerEmail", "eve@example.com");
        assertThatThrownBy(() -> verifier.verify(published.withData(published.version(), otherEmail)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageContaining("its data differs");
        ObjectNode otherOwner = published.data().deepCopy().put("placedBy", "arn:aws:iam::000000000000:user/eve");
        assertThatThrownBy(() -> verifier.verify(published.withData(published.version(), otherOwner)))
                .isInstanceOf(UnverifiedEventException.class)
                .hasMessageContaining("its data differs");
    }

    @Test
    void appendsInOrderFromSequenceOne() {
        var first = drafts(3);
        var result = store().append(stream, 0, first);
        assertThat(result).isInstanceOf(AppendResult.Appended.class);
        assertThat(((AppendResult.Appended) result).lastSequence()).isEqualTo(3);
        store().append(stream, 3, drafts(2));

        List<EventEnvelope> read = store().readStream(stream, 1);
        assertThat(read).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(read.get(0).eventId()).isEqualTo(first.get(0).eventId());
        assertThat(read.get(0).streamId()).isEqualTo(stream);
        assertThat(read.get(1).data()).isEqualTo(first.get(1).data());
        assertThat(store().readStream(stream, 4))
                .extracting(EventEnvelope::sequence)
                .containsExactly(4L, 5L);
        assertThat(store().currentVersion(stream)).isEqualTo(5);
        assertThat(store().currentVersion("Order-never-written")).isZero();
    }

    @Test
    void staleExpectedVersionFailsNamingBothVersionsAndWritesNothing() {
        store().append(stream, 0, drafts(2));
        assertThatThrownBy(() -> store().append(stream, 1, drafts(1)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                    assertThat(e).hasMessageContaining("expected 1").hasMessageContaining("version 2");
                });
        assertThatThrownBy(() -> store().append(stream, 7, drafts(1)))
                .isInstanceOfSatisfying(
                        ConcurrencyConflictException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThatThrownBy(() -> store().append(stream, 0, drafts(1))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store().currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void reappendingAStoredEventIdIsADuplicateNotAnError() {
        var batch = drafts(2);
        store().append(stream, 0, batch);
        var again = store().append(stream, 2, batch);
        assertThat(again)
                .isEqualTo(new AppendResult.Duplicate(
                        batch.stream().map(EventEnvelope::eventId).toList()));
        // the same event at a stale position (the retry of a timed-out append) is a duplicate too
        var retry = store().append(stream, 0, List.of(batch.get(0)));
        assertThat(retry).isInstanceOf(AppendResult.Duplicate.class);
        assertThat(store().currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void aBatchWithOneInvalidEventWritesNothingAndNamesTheField() {
        var batch = new ArrayList<>(drafts(3));
        ObjectNode broken = batch.get(1).data().deepCopy();
        broken.put("orderId", 42);
        batch.set(1, batch.get(1).withData(batch.get(1).version(), broken));
        assertThatThrownBy(() -> store().append(stream, 0, batch))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.violations())
                                .anySatisfy(v -> assertThat(v.path()).isEqualTo("$.events[1].data.orderId")));
        assertThat(store().currentVersion(stream)).isZero();
        assertThat(store().readStream(stream, 1)).isEmpty();
    }

    @Test
    void unknownTypeOrVersionIsRejectedByName() {
        var e = drafts(1).get(0);
        var unknownVersion = e.withData(9, e.data());
        assertThatThrownBy(() -> store().append(stream, 0, List.of(unknownVersion)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown version 9");
        var unknownType = new EventEnvelope(
                e.eventId(),
                "OrderTeleported",
                1,
                e.timestamp(),
                e.source(),
                null,
                0,
                e.correlationId(),
                null,
                null,
                e.data());
        assertThatThrownBy(() -> store().append(stream, 0, List.of(unknownType)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("OrderTeleported");
        assertThat(store().currentVersion(stream)).isZero();
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void concurrentAppendsAtTheSameVersionExactlyOneWins() throws Exception {
        store().append(stream, 0, drafts(1));
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        store().append(stream, 1, drafts(1));
                        return "won";
                    } catch (ConcurrencyConflictException e) {
                        return "conflict";
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn("conflict"::equals).hasSize(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void readsByTypeAndTimeRangeInPages() {
        String type = "ShipmentScheduled";
        Instant base = Instant.parse("2031-01-01T00:00:00Z")
                .plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String oid = orderId + "-" + i;
            var d = SampleEvents.draft(
                    new io.eventflow.events.ShipmentScheduled(oid, "TRK-" + i, "UPS"), base.plusSeconds(i));
            store().append("Order-" + oid, 0, List.of(d));
            ids.add(d.eventId());
        }
        // [base+1s, base+4s): events 1, 2, 3 in time order, two per page
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            EventPage page = store().readByType(type, base.plusSeconds(1), base.plusSeconds(4), token, 2);
            page.events().forEach(e -> seen.add(e.eventId()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent() && pages < 10);
        assertThat(seen).containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(pages).isBetween(2, 3);
        assertThat(store().readByType(type, base, base.plus(Duration.ofDays(1)), Optional.empty(), 1000)
                        .events())
                .extracting(EventEnvelope::eventId)
                .containsExactlyElementsOf(ids);
    }

    @Test
    void olderVersionsAreUpcastOnRead() {
        OrderPlaced placed = SampleEvents.orderPlaced(orderId);
        ObjectNode v1 = EventJson.toObject(placed);
        v1.remove("currency");
        var draft = SampleEvents.draft(placed);
        store().append(stream, 0, List.of(draft.withData(1, v1)));

        EventEnvelope read = store().readStream(stream, 1).get(0);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.data().get("currency").asText()).isEqualTo("USD");
        OrderPlaced decoded = (OrderPlaced) EventCodec.decode(read);
        assertThat(decoded.currency()).isEqualTo("USD");
        assertThat(decoded.items()).isEqualTo(placed.items());
    }
}
