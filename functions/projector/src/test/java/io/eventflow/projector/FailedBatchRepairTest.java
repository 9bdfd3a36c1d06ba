package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.streams.InMemoryStreamRange;
import io.eventflow.streams.StreamFailureRecord;
import io.eventflow.streams.StreamRangeContract;
import io.eventflow.streams.StreamRangeContract.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A given-up stream batch no longer leaves its views behind: the orders it held are rebuilt from the store. */
class FailedBatchRepairTest {
    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    private final InMemoryStreamRange stream = new InMemoryStreamRange();
    private final FailedBatchRepair repair = new FailedBatchRepair(stream, new ProjectionRebuild(store, views));

    private List<EventEnvelope> stored(String orderId) {
        List<EventEnvelope> stored = Views.stored(orderId, Views.happyPath(orderId));
        stored.forEach(e -> store.append(e.streamId(), e.sequence() - 1, List.of(e)));
        return stored;
    }

    /** The records of the given events of the order, written to the stream; the batch spanning them. */
    private StreamFailureRecord given(List<EventEnvelope> events) {
        InMemoryStreamRange.Entry first = null;
        InMemoryStreamRange.Entry last = null;
        for (EventEnvelope e : events) {
            last = e.streamId().startsWith("$") ? stream.guard() : stream.event(e.streamId(), e.sequence());
            first = first == null ? last : first;
        }
        return StreamRangeContract.batch(seen(first), seen(last));
    }

    private static Seen seen(InMemoryStreamRange.Entry e) {
        return new Seen(e.streamArn(), e.shardId(), e.sequenceNumber(), e.event());
    }

    @Test
    void theViewsOfTheOrdersInTheBatchAreRebuiltFromTheStore() {
        List<EventEnvelope> a = stored("ORD-A");
        List<EventEnvelope> b = stored("ORD-B");
        views.save(Views.fold("ORD-A", a, 2), 0); // the projector got as far as event 2
        stream.event(a.get(0).streamId(), a.get(0).sequence()); // before the batch: not the batch's
        StreamFailureRecord batch = given(List.of(a.get(2), b.get(0), a.get(3), b.get(1)));

        assertThat(repair.repair(batch)).containsExactly("ORD-A", "ORD-B");

        assertThat(views.find("ORD-A")).contains(Views.fold("ORD-A", a, 5));
        assertThat(views.find("ORD-B")).contains(Views.fold("ORD-B", b, 5));
    }

    @Test
    void repairingTwiceChangesNothing() {
        List<EventEnvelope> a = stored("ORD-C");
        StreamFailureRecord batch = given(List.of(a.get(1)));
        repair.repair(batch);
        OrderView once = views.find("ORD-C").orElseThrow();

        repair.repair(batch);

        assertThat(views.find("ORD-C")).contains(once);
    }

    @Test
    void streamsThatAreNoOrdersAreLeftAlone() {
        StreamFailureRecord batch = given(List.of(guardRecord("$eventId#e-1")));

        assertThat(repair.repair(batch)).isEmpty();
    }

    @Test
    void recordsGoneFromTheStreamArePermanent() {
        List<EventEnvelope> a = stored("ORD-D");
        StreamFailureRecord batch = given(List.of(a.get(0)));
        stream.trimBefore(batch.endSequenceNumber().add(java.math.BigInteger.ONE));

        assertThatThrownBy(() -> repair.repair(batch)).isInstanceOf(PermanentException.class);
        assertThat(views.find("ORD-D")).isEmpty();
    }

    @Test
    void aRangeTheStreamCannotGiveNowIsRetried() {
        List<EventEnvelope> a = stored("ORD-E");
        StreamFailureRecord batch = given(List.of(a.get(0)));
        StreamFailureRecord notYet = new StreamFailureRecord(
                batch.streamArn(),
                batch.table(),
                batch.shardId(),
                batch.startSequenceNumber(),
                batch.endSequenceNumber().add(java.math.BigInteger.TEN),
                batch.firstArrival(),
                batch.lastArrival(),
                batch.batchSize(),
                batch.condition());

        assertThatThrownBy(() -> repair.repair(notYet)).isInstanceOf(RetryableException.class);
        assertThat(views.find("ORD-E")).isEmpty();
    }

    private static EventEnvelope guardRecord(String streamId) {
        return Views.stored("ORD-X", Views.happyPath("ORD-X")).get(0).positioned(streamId, 1);
    }
}
