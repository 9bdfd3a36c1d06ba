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

class OrderProjectorTest {
    private final String orderId = "ORD-77";
    private final List<EventEnvelope> stored = Views.stored(orderId, Views.happyPath(orderId));
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    /** The store the stream comes from: holds every event of {@link #stored}. */
    private final InMemoryEventStore store = storeOf(stored);

    private final OrderProjector projector = new OrderProjector(views, store);

    private static InMemoryEventStore storeOf(List<EventEnvelope> events) {
        InMemoryEventStore store = new InMemoryEventStore();
        for (EventEnvelope e : events) {
            store.append(e.streamId(), e.sequence() - 1, List.of(e));
        }
        return store;
    }

    @Test
    void appliesEventsInStreamOrder() {
        for (EventEnvelope e : stored) {
            assertThat(projector.project(e)).isInstanceOf(Projection.Applied.class);
        }
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 5));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projector.project(stored.get(0));
        projector.project(stored.get(1));
        assertThat(projector.project(stored.get(0))).isEqualTo(new Projection.AlreadyApplied(2, 1));
        assertThat(projector.project(stored.get(1))).isEqualTo(new Projection.AlreadyApplied(2, 2));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 2));
    }

    /** Events 1-3 were given up by the stream source (or travel in another shard): 4 brings them along. */
    @Test
    void anEventAfterAGapReadsTheMissingEventsFromTheStoreAndAppliesThemInOrder() {
        assertThat(projector.project(stored.get(3)))
                .isEqualTo(new Projection.Repaired(Views.fold(orderId, stored, 4), 3));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 4));

        assertThat(projector.project(stored.get(1))).isEqualTo(new Projection.AlreadyApplied(4, 2));
        assertThat(projector.project(stored.get(4))).isInstanceOf(Projection.Applied.class);
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 5));
    }

    @Test
    void aGapAfterAnAppliedEventReadsFromTheViewsVersionOn() {
        projector.project(stored.get(0));

        assertThat(projector.project(stored.get(2)))
                .isEqualTo(new Projection.Repaired(Views.fold(orderId, stored, 3), 1));
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 3));
    }

    /** The repaired view is the view a rebuild from the store gives (the chaos run's sixth invariant). */
    @Test
    void aRepairedViewEqualsItsRebuild() {
        projector.project(stored.get(4));

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

        assertThatThrownBy(() -> new OrderProjector(views, down).project(stored.get(2)))
                .isInstanceOf(RetryableException.class);
        assertThat(views.find(orderId)).isEmpty();
    }

    @Test
    void whenTheStoreLacksTheMissingEventsTheRecordFailsRetryably() {
        assertThatThrownBy(() -> new OrderProjector(views, new InMemoryEventStore()).project(stored.get(2)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("up to event 0 only");
        assertThat(views.find(orderId)).isEmpty();
    }

    @Test
    void convergesWhateverTheDeliveryOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            InMemoryOrderViewRepository fresh = new InMemoryOrderViewRepository();
            OrderProjector p = new OrderProjector(fresh, store);
            List<EventEnvelope> pending = new ArrayList<>(stored);
            pending.addAll(stored.subList(0, 2)); // duplicates too
            Collections.shuffle(pending, random);
            pending.forEach(p::project);
            assertThat(fresh.find(orderId)).contains(Views.fold(orderId, stored, 5));
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
        assertThat(new OrderProjector(counting, store).project(stored.get(0))).isInstanceOf(Projection.Applied.class);
        assertThat(reads).isEmpty();
        // Another container (nothing remembered) gets the same event again: its write fails, it reads, nothing changes.
        assertThat(new OrderProjector(counting, store).project(stored.get(0)))
                .isEqualTo(new Projection.AlreadyApplied(1, 1));
        assertThat(reads).containsExactly(orderId);
        assertThat(views.find(orderId)).contains(Views.fold(orderId, stored, 1));
    }

    @Test
    void reDecidesWhenAConcurrentWriterWinsTheRace() {
        projector.project(stored.get(0));
        assertThat(new OrderProjector(losingFirstWriteTo(2), store).project(stored.get(1)))
                .isEqualTo(new Projection.AlreadyApplied(2, 2));
    }

    @Test
    void aBatchReFoldsOnTheStoredViewWhenAConcurrentWriterWinsTheRace() {
        projector.project(stored.get(0));
        OrderProjector.Batch batch = new OrderProjector(losingFirstWriteTo(2), store).batch();
        batch.add(stored.get(1), 0);
        batch.add(stored.get(2), 1);
        List<OrderView> written = new ArrayList<>();
        assertThat(batch.flush((view, events) -> written.add(view))).isEqualTo(-1);
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
        assertThatThrownBy(() -> new OrderProjector(alwaysLosing, store).project(stored.get(0)))
                .isInstanceOf(RetryableException.class);
    }

    @Test
    void ignoresStreamsThatAreNotOrders() {
        EventEnvelope other =
                SampleEvents.draft(SampleEvents.orderPlaced(orderId)).positioned("Audit-1", 1);
        assertThat(projector.project(other)).isEqualTo(new Projection.Ignored("Audit-1"));
    }

    @Test
    void anEventOfAnotherOrderInTheStreamIsPermanent() {
        EventEnvelope wrong =
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-other")).positioned("Order-" + orderId, 1);
        assertThatThrownBy(() -> projector.project(wrong)).isInstanceOf(PermanentException.class);
    }

    @Test
    void upcastsOldEventsBeforeFolding() {
        EventEnvelope v2 = stored.get(0);
        var v1Data = v2.data().deepCopy();
        v1Data.remove("currency");
        assertThat(projector.project(v2.withData(1, v1Data))).isInstanceOf(Projection.Applied.class);
        assertThat(views.find(orderId).orElseThrow().currency()).isEqualTo("USD");
    }

    @Test
    void rebuildFoldsTheStoredStreamIntoTheSameView() {
        stored.subList(0, 2).forEach(projector::project);
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
        store.readStream("Order-" + orderId, 1).forEach(new OrderProjector(fresh, store)::project);
        OrderView incremental = fresh.find(orderId).orElseThrow();
        assertThat(rebuilt).isEqualTo(incremental);
        assertThat(views.find(orderId)).contains(rebuilt);
        assertThat(rebuild.rebuild("ORD-none")).isEmpty();
    }
}
