package io.eventflow.projector;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.EventStore;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a view from the event store: folds every event of the order's stream into a fresh view with
 * the same {@link OrderView#apply} the stream projection uses, then replaces the stored view unless a
 * newer one is there. For repairing views or re-projecting after a change of the view's shape.
 */
public final class ProjectionRebuild {
    private final EventStore store;
    private final OrderViewRepository views;

    public ProjectionRebuild(EventStore store, OrderViewRepository views) {
        this.store = store;
        this.views = views;
    }

    /** @return the rebuilt view, or empty when the stream has no events */
    public Optional<OrderView> rebuild(String orderId) {
        List<EventEnvelope> events = store.readStream(DomainEvent.streamOf(orderId), 1);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        OrderView view = OrderView.empty(orderId);
        for (EventEnvelope e : events) {
            view = view.apply(e, EventCodec.decode(e));
        }
        views.replace(view);
        return Optional.of(view);
    }
}
