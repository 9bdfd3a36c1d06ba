package io.eventflow.orderapi;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.events.OrderPlaced;
import io.eventflow.store.AppendResult;
import io.eventflow.store.EventStore;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Places an order: one OrderPlaced opening a new stream {@code Order-<orderId>} (expectedVersion 0). */
final class OrderPlacement {
    static final String SOURCE = "eventflow.orders";

    record Placed(String orderId, String eventId) {
    }

    private final EventStore store;
    private final Clock clock;
    private final Supplier<String> newOrderId;

    OrderPlacement(EventStore store, Clock clock, Supplier<String> newOrderId) {
        this.store = store;
        this.clock = clock;
        this.newOrderId = newOrderId;
    }

    Placed place(PlaceOrderRequest request, String correlationId) {
        String orderId = newOrderId.get();
        OrderPlaced event = new OrderPlaced(orderId, request.customerId(), request.customerEmail(),
                request.customerPhone(), request.items(), request.currency(), request.totalCents());
        EventEnvelope draft = EventCodec.draft(event, Ids.random(), clock.instant(), SOURCE, correlationId, null);
        // A taken orderId (practically impossible) surfaces as ConcurrencyConflictException: retryable.
        AppendResult result = store.append(DomainEvent.streamOf(orderId), 0, List.of(draft));
        if (!(result instanceof AppendResult.Appended)) {
            throw new IllegalStateException("fresh eventId " + draft.eventId() + " reported as duplicate");
        }
        return new Placed(orderId, draft.eventId());
    }

    /** "ORD-" and 32 hex digits: unguessable, and valid in stream ids and event schemas. */
    static String randomOrderId() {
        return "ORD-" + Ids.random().replace("-", "");
    }
}
