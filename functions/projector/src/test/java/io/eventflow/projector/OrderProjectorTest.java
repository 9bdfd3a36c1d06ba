package io.eventflow.projector;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderProjectorTest {
    private final String orderId = "ORD-77";
    private final List<EventEnvelope> stored = Views.stored(orderId, Views.happyPath(orderId));
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    private final OrderProjector projector = new OrderProjector(views);

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

    @Test
    void anEventAfterAGapIsRefusedAndWritesNothing() {
        assertThat(projector.project(stored.get(1))).isEqualTo(new Projection.Gap(0, 2));
        assertThat(views.find(orderId)).isEmpty();
        projector.project(stored.get(0));
        assertThat(projector.project(stored.get(3))).isEqualTo(new Projection.Gap(1, 4));
        assertThat(views.find(orderId).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void convergesWhateverTheDeliveryOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            InMemoryOrderViewRepository fresh = new InMemoryOrderViewRepository();
            OrderProjector p = new OrderProjector(fresh);
            List<EventEnvelope> pending = new ArrayList<>(stored);
            pending.addAll(stored.subList(0, 2)); // duplicates too
            Collections.shuffle(pending, random);
            // Refused events come back later, like a stream retry does.
            for (int i = 0; i < 100 && !pending.isEmpty(); i++) {
                EventEnvelope e = pending.remove(0);
                if (p.project(e) instanceof Projection.Gap) {
                    pending.add(e);
                }
            }
            assertThat(pending).isEmpty();
            assertThat(fresh.find(orderId)).contains(Views.fold(orderId, stored, 5));
        }
    }

    @Test
    void reDecidesWhenAConcurrentWriterWinsTheRace() {
        projector.project(stored.get(0));
        // A repository whose first conditional write loses to a concurrent batch that applied event 2.
        OrderViewRepository racing = new OrderViewRepository() {
            private boolean raced;

            public Optional<OrderView> find(String id) {
                return views.find(id);
            }

            public boolean save(OrderView view, long expectedVersion) {
                if (!raced) {
                    raced = true;
                    views.save(Views.fold(orderId, stored, 2), 1);
                    return false;
                }
                return views.save(view, expectedVersion);
            }

            public boolean replace(OrderView view) {
                return views.replace(view);
            }
        };
        assertThat(new OrderProjector(racing).project(stored.get(1))).isEqualTo(new Projection.AlreadyApplied(2, 2));
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
        assertThatThrownBy(() -> new OrderProjector(alwaysLosing).project(stored.get(0)))
                .isInstanceOf(RetryableException.class);
    }

    @Test
    void ignoresStreamsThatAreNotOrders() {
        EventEnvelope other = SampleEvents.draft(SampleEvents.orderPlaced(orderId)).positioned("Audit-1", 1);
        assertThat(projector.project(other)).isEqualTo(new Projection.Ignored("Audit-1"));
    }

    @Test
    void anEventOfAnotherOrderInTheStreamIsPermanent() {
        EventEnvelope wrong = SampleEvents.draft(SampleEvents.orderPlaced("ORD-other")).positioned("Order-" + orderId, 1);
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
        InMemoryEventStore store = new InMemoryEventStore();
        store.append("Order-" + orderId, 0, Views.happyPath(orderId).stream()
                .map(e -> SampleEvents.draft(e)).toList());
        stored.subList(0, 2).forEach(projector::project);
        // The incremental view was damaged; a rebuild repairs it, even at the same version.
        views.replace(new OrderView(orderId, io.eventflow.order.OrderStatus.NEW, 5, null, List.of(), null, 0,
                null, null, null, List.of(), null));

        ProjectionRebuild rebuild = new ProjectionRebuild(store, views);
        OrderView rebuilt = rebuild.rebuild(orderId).orElseThrow();

        InMemoryOrderViewRepository fresh = new InMemoryOrderViewRepository();
        store.readStream("Order-" + orderId, 1).forEach(new OrderProjector(fresh)::project);
        OrderView incremental = fresh.find(orderId).orElseThrow();
        assertThat(rebuilt).isEqualTo(incremental);
        assertThat(views.find(orderId)).contains(rebuilt);
        assertThat(rebuild.rebuild("ORD-none")).isEmpty();
    }
}
