package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.store.EventStore;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link OrderProjector.Batch}, the path ProjectorHandler takes, on one order's stream and the in-memory twin. */
class OrderProjectorTest {
    private final String orderId = "ORD-77";
    private final List<EventEnvelope> stored = Views.stored(orderId, Views.happyPath(orderId));
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    /** The store the stream comes from: holds every event of {@link #stored}. */
    private final InMemoryEventStore store = storeOf(stored);

    private final OrderProjector projector = new OrderProjector(views, store);
    /** The views the batches of a test wrote, as flush reported them. */
    private final List<OrderView> written = new ArrayList<>();

    private static InMemoryEventStore storeOf(List<EventEnvelope> events) {
        InMemoryEventStore store = new InMemoryEventStore();
        for (EventEnvelope e : events) {
            store.append(e.streamId(), e.sequence() - 1, List.of(e));
        }
        return store;
    }

    /** The record id a test batch gives an event: its sequence, so a reported record names the event. */
    private static String recordOf(EventEnvelope e) {
        return "record-" + e.sequence();
    }

    /** {@code events} as one stream batch of {@code p}: folded in order, then written; a failed write is thrown. */
    private List<Projection> batch(OrderProjector p, List<EventEnvelope> events) {
        OrderProjector.Batch batch = p.batch();
        List<Projection> projections = new ArrayList<>();
        for (EventEnvelope e : events) {
            projections.add(batch.add(e, recordOf(e)));
        }
        if (batch.flush((view, taken) -> written.add(view)).isPresent()) {
            throw batch.lastFailure();
        }
        return projections;
    }

    /** One event as a batch of its own. */
    private Projection project(OrderProjector p, EventEnvelope e) {
        return batch(p, List.of(e)).get(0);
    }

    @Test
    void appliesEventsInStreamOrderAndWritesTheViewOncePerBatch() {
        assertThat(batch(projector, stored)).allMatch(Projection.Applied.class::isInstance);
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 5));
        assertThat(written).containsExactly(Views.fold(orderId, stored, 5));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        assertThat(batch(projector, List.of(stored.get(0), stored.get(1), stored.get(0))))
                .last()
                .isEqualTo(new Projection.AlreadyApplied(2, 1));
        written.clear();

        assertThat(batch(projector, stored.subList(0, 2)))
                .containsExactly(new Projection.AlreadyApplied(2, 1), new Projection.AlreadyApplied(2, 2));
        assertThat(written).isEmpty();
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 2));
    }

    /** Events 1-3 were given up by the stream source (or travel in another shard): 4 brings them along. */
    @Test
    void anEventAfterAGapReadsTheMissingEventsFromTheStoreAndAppliesThemInOrder() {
        assertThat(project(projector, stored.get(3)))
                .isEqualTo(new Projection.Repaired(Views.fold(orderId, stored, 4), 3));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 4));

        assertThat(batch(projector, List.of(stored.get(1), stored.get(4))))
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo(new Projection.AlreadyApplied(4, 2)),
                        p -> assertThat(p).isInstanceOf(Projection.Applied.class));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 5));
    }

    @Test
    void aGapAfterAnAppliedEventReadsFromTheViewsVersionOn() {
        project(projector, stored.get(0));

        assertThat(project(projector, stored.get(2)))
                .isEqualTo(new Projection.Repaired(Views.fold(orderId, stored, 3), 1));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 3));
    }

    @Test
    void aGapInsideABatchIsFilledFromTheStore() {
        assertThat(batch(projector, List.of(stored.get(0), stored.get(3))))
                .last()
                .isEqualTo(new Projection.Repaired(Views.fold(orderId, stored, 4), 2));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 4));
    }

    /** The repaired view is the view a rebuild from the store gives (the chaos run's sixth invariant). */
    @Test
    void aRepairedViewEqualsItsRebuild() {
        project(projector, stored.get(4));

        InMemoryOrderViewRepository rebuilt = new InMemoryOrderViewRepository();
        new ProjectionRebuild(store, rebuilt).rebuild(orderId);
        assertThat(views.find(orderId)).isEqualTo(rebuilt.find(orderId)).isPresent();
    }

    @Test
    void whenTheStoreCannotBeReadTheRecordFailsRetryablyAndNothingIsWritten() {
        EventStore down = (EventStore) java.lang.reflect.Proxy.newProxyInstance(
                EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    throw new RetryableException("store unavailable (503): " + method.getName());
                });
        OrderProjector.Batch batch = new OrderProjector(views, down).batch();

        assertThatThrownBy(() -> batch.add(stored.get(2), recordOf(stored.get(2))))
                .isInstanceOf(RetryableException.class);
        assertThat(batch.flush((view, taken) -> written.add(view))).isEmpty();
        assertThat(written).isEmpty();
        assertThat(views.find(orderId)).isEmpty();
    }

    @Test
    void whenTheStoreLacksTheMissingEventsTheRecordFailsRetryably() {
        OrderProjector.Batch batch = new OrderProjector(views, new InMemoryEventStore()).batch();

        assertThatThrownBy(() -> batch.add(stored.get(2), recordOf(stored.get(2))))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("up to event 0 only");
        assertThat(views.find(orderId)).isEmpty();
    }

    /** Shuffled, with duplicates, cut into batches of one to three records: the same view every time. */
    @Test
    void convergesWhateverTheDeliveryOrderAndBatching() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            InMemoryOrderViewRepository fresh = new InMemoryOrderViewRepository();
            OrderProjector p = new OrderProjector(fresh, store);
            List<EventEnvelope> pending = new ArrayList<>(stored);
            pending.addAll(stored.subList(0, 2)); // duplicates too
            Collections.shuffle(pending, random);
            for (int from = 0; from < pending.size(); ) {
                int to = Math.min(pending.size(), from + 1 + random.nextInt(3));
                batch(p, pending.subList(from, to));
                from = to;
            }
            assertThat(fresh.find(orderId)).as("round %d: %s", round, pending).contains(Views.fold(orderId, stored, 5));
        }
    }

    @Test
    void anOrdersFirstEventIsWrittenWithoutAReadAndARepeatOfItReadsOnce() {
        List<String> reads = new ArrayList<>();
        OrderViewRepository counting = new OrderViewRepository() {
            public Optional<OrderView> find(String id) {
                reads.add(id);
                return views.find(id);
            }

            public boolean save(OrderView view, long expectedVersion) {
                return views.save(view, expectedVersion);
            }

            public boolean replace(OrderView view) {
                return views.replace(view);
            }
        };
        assertThat(project(new OrderProjector(counting, store), stored.get(0))).isInstanceOf(Projection.Applied.class);
        assertThat(reads).isEmpty();
        written.clear();
        // Another container (nothing remembered) gets the same event again: its write fails, it reads, nothing changes.
        project(new OrderProjector(counting, store), stored.get(0));
        assertThat(reads).containsExactly(orderId);
        assertThat(written).isEmpty();
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 1));
    }

    @Test
    void aWriteLostToAConcurrentWriterThatAppliedTheSameEventsWritesNothing() {
        project(projector, stored.get(0));
        written.clear();

        assertThat(project(new OrderProjector(losingFirstWriteTo(2), store), stored.get(1)))
                .isInstanceOf(Projection.Applied.class);
        assertThat(written).isEmpty();
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 2));
    }

    @Test
    void aBatchReFoldsOnTheStoredViewWhenAConcurrentWriterWinsTheRace() {
        project(projector, stored.get(0));
        written.clear();

        batch(new OrderProjector(losingFirstWriteTo(2), store), stored.subList(1, 3));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 3));
        assertThat(written).containsExactly(Views.fold(orderId, stored, 3));
    }

    /** A repository over {@link #views} whose first conditional write loses to a concurrent batch that applied up to event n. */
    private OrderViewRepository losingFirstWriteTo(int n) {
        return new OrderViewRepository() {
            private boolean raced;

            public Optional<OrderView> find(String id) {
                return views.find(id);
            }

            public boolean save(OrderView view, long expectedVersion) {
                if (!raced) {
                    raced = true;
                    views.save(Views.fold(orderId, stored, n), n - 1);
                    return false;
                }
                return views.save(view, expectedVersion);
            }

            public boolean replace(OrderView view) {
                return views.replace(view);
            }
        };
    }

    @Test
    void givesUpWithARetryableFailureWhenWritesKeepLosing() {
        OrderViewRepository alwaysLosing = new OrderViewRepository() {
            public Optional<OrderView> find(String id) {
                return Optional.empty();
            }

            public boolean save(OrderView view, long expectedVersion) {
                return false;
            }

            public boolean replace(OrderView view) {
                return false;
            }
        };
        OrderProjector.Batch batch = new OrderProjector(alwaysLosing, store).batch();
        batch.add(stored.get(0), "record-1");
        batch.add(stored.get(1), "record-2");

        assertThat(batch.flush((view, taken) -> written.add(view))).contains("record-1");
        assertThat(batch.lastFailure()).isInstanceOf(RetryableException.class);
        assertThat(written).isEmpty();
    }

    /** Orders are written in the order of their first record; the first failed write ends the flush. */
    @Test
    void aFailedWriteReportsTheFailedOrdersFirstRecordAndWritesNoLaterOrder() {
        List<EventEnvelope> other = Views.stored("ORD-78", Views.happyPath("ORD-78"));
        List<EventEnvelope> third = Views.stored("ORD-79", Views.happyPath("ORD-79"));
        OrderViewRepository failingOther = new OrderViewRepository() {
            public Optional<OrderView> find(String id) {
                return views.find(id);
            }

            public boolean save(OrderView view, long expectedVersion) {
                if (view.orderId().equals("ORD-78")) {
                    throw new RetryableException("view table unavailable");
                }
                return views.save(view, expectedVersion);
            }

            public boolean replace(OrderView view) {
                return views.replace(view);
            }
        };
        OrderProjector.Batch batch = new OrderProjector(failingOther, store).batch();
        batch.add(stored.get(0), "a-1");
        batch.add(other.get(0), "b-1");
        batch.add(stored.get(1), "a-2");
        batch.add(other.get(1), "b-2");
        batch.add(third.get(0), "c-1");

        assertThat(batch.flush((view, taken) -> written.add(view))).contains("b-1");
        assertThat(written).containsExactly(Views.fold(orderId, stored, 2));
        assertThat(views.find("ORD-79")).isEmpty();
    }

    @Test
    void ignoresStreamsThatAreNotOrders() {
        EventEnvelope other =
                SampleEvents.draft(SampleEvents.orderPlaced(orderId)).positioned("Audit-1", 1);
        assertThat(project(projector, other)).isEqualTo(new Projection.Ignored("Audit-1"));
        assertThat(written).isEmpty();
    }

    @Test
    void anEventOfAnotherOrderInTheStreamIsPermanent() {
        EventEnvelope wrong =
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-other")).positioned("Order-" + orderId, 1);
        assertThatThrownBy(() -> projector.batch().add(wrong, "record-1")).isInstanceOf(PermanentException.class);
    }

    @Test
    void upcastsOldEventsBeforeFolding() {
        EventEnvelope v2 = stored.get(0);
        var v1Data = v2.data().deepCopy();
        v1Data.remove("currency");
        assertThat(project(projector, v2.withData(1, v1Data))).isInstanceOf(Projection.Applied.class);
        assertThat(views.find(orderId).orElseThrow().currency()).isEqualTo("USD");
    }

    @Test
    void rebuildFoldsTheStoredStreamIntoTheSameView() {
        batch(projector, stored.subList(0, 2));
        // The incremental view was damaged; a rebuild repairs it, even at the same version.
        views.replace(new OrderView(
                orderId,
                io.eventflow.order.OrderStatus.NEW,
                5,
                null,
                List.of(),
                null,
                0,
                null,
                null,
                null,
                List.of(),
                null));

        ProjectionRebuild rebuild = new ProjectionRebuild(store, views);
        OrderView rebuilt = rebuild.rebuild(orderId).orElseThrow();

        InMemoryOrderViewRepository fresh = new InMemoryOrderViewRepository();
        batch(new OrderProjector(fresh, store), store.readStream("Order-" + orderId, 1));
        OrderView incremental = fresh.find(orderId).orElseThrow();
        assertThat(rebuilt).isEqualTo(incremental);
        assertThat(views.find(orderId)).contains(rebuilt);
        assertThat(rebuild.rebuild("ORD-none")).isEmpty();
    }
}
