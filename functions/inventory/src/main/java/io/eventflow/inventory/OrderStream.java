package io.eventflow.inventory;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.RetryableException;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import io.eventflow.store.EventStore;

import java.util.List;

/** One order's stream, read and folded: the typed history and the state it leads to. */
record OrderStream(List<DomainEvent> history, Order order) {

    static OrderStream load(EventStore events, String orderId) {
        List<DomainEvent> history = events.readStream(DomainEvent.streamOf(orderId), 1).stream()
                .map(EventCodec::decode).toList();
        Order order = Order.fold(orderId, history);
        if (order.status() == OrderStatus.NEW) {
            // The event we handle came from this stream, so it exists; retry, and let the DLQ keep it if not.
            throw new RetryableException("stream " + DomainEvent.streamOf(orderId) + " has no OrderPlaced");
        }
        return new OrderStream(history, order);
    }
}
