package io.eventflow.projector;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;

/**
 * Keeps OrderViewTable in step with the event store. Event n of a stream is applied only to the view
 * at n-1 (a conditional write), an event the view already has is skipped, and an event after a gap is
 * refused so the stream source delivers it again later: the view converges whatever the delivery order.
 */
public final class OrderProjector {
    static final String ORDER_STREAM_PREFIX = "Order-";
    /** Lost conditional writes (a concurrent batch got there first) are re-decided this many times. */
    private static final int ATTEMPTS = 3;

    private final OrderViewRepository views;

    public OrderProjector(OrderViewRepository views) {
        this.views = views;
    }

    /** @param stored the envelope as stored (it is upcast here before folding) */
    public Projection project(EventEnvelope stored) {
        if (stored.streamId() == null || !stored.streamId().startsWith(ORDER_STREAM_PREFIX)) {
            return new Projection.Ignored(stored.streamId());
        }
        DomainEvent event = EventCodec.decode(stored);
        if (!stored.streamId().equals(DomainEvent.streamOf(event.orderId()))) {
            throw new PermanentException("event " + stored.eventId() + " of " + stored.streamId()
                    + " is about order " + event.orderId());
        }
        long sequence = stored.sequence();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OrderView view = views.find(event.orderId()).orElseGet(() -> OrderView.empty(event.orderId()));
            if (view.version() >= sequence) {
                return new Projection.AlreadyApplied(view.version(), sequence);
            }
            if (view.version() < sequence - 1) {
                return new Projection.Gap(view.version(), sequence);
            }
            OrderView next = view.apply(stored, event);
            if (views.save(next, view.version())) {
                return new Projection.Applied(next);
            }
        }
        throw new RetryableException("view of " + event.orderId() + " kept changing while applying event " + sequence);
    }
}
