package io.eventflow.notification;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PermanentException;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.store.EventStore;
import java.util.List;

/**
 * What a message to the customer needs, read from the order's stream in the event store: contact details
 * never travel in notifications. Holds customer data: never log it.
 */
public record OrderFacts(
        String orderId,
        String customerEmail,
        String customerPhone,
        String trackingId,
        String carrier,
        String cancelReason) {

    public static OrderFacts read(EventStore store, String orderId) {
        return read(store, orderId, stream -> {});
    }

    /** The same, with the loaded stream shown to {@code check} first (message verification, no extra request). */
    public static OrderFacts read(
            EventStore store, String orderId, java.util.function.Consumer<List<EventEnvelope>> check) {
        List<EventEnvelope> stored = store.readStream(DomainEvent.streamOf(orderId), 1);
        if (stored.isEmpty()) {
            throw new PermanentException("no stream for order " + orderId);
        }
        check.accept(stored);
        return fold(orderId, stored.stream().map(EventCodec::decode).toList());
    }

    static OrderFacts fold(String orderId, List<DomainEvent> events) {
        OrderFacts f = new OrderFacts(orderId, null, null, null, null, null);
        for (DomainEvent e : events) {
            f = switch (e) {
                case OrderPlaced p ->
                    new OrderFacts(
                            orderId, p.customerEmail(), p.customerPhone(), f.trackingId, f.carrier, f.cancelReason);
                case ShipmentScheduled s ->
                    new OrderFacts(
                            orderId, f.customerEmail, f.customerPhone, s.trackingId(), s.carrier(), f.cancelReason);
                case OrderCancelled c ->
                    new OrderFacts(orderId, f.customerEmail, f.customerPhone, f.trackingId, f.carrier, c.reason());
                default -> f;
            };
        }
        return f;
    }

    /** Contact data stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "OrderFacts[orderId=" + orderId + ", email=" + (customerEmail == null ? "none" : "present") + ", phone="
                + (customerPhone == null ? "none" : "present") + "]";
    }
}
