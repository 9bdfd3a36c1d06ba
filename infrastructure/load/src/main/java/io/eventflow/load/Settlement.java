package io.eventflow.load;

import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import java.util.List;

/**
 * When an order is done for a load run: shipped, or cancelled with no reserved stock left to release (a declined
 * payment is followed by the release of what was reserved). Its end-to-end latency runs to the last stored event.
 */
final class Settlement {
    private Settlement() {}

    /** The settled status (SHIPPED or CANCELLED), or null while the order is still on its way. */
    static String of(String orderId, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return null;
        }
        Order o = Order.fold(orderId, events.stream().map(EventCodec::decode).toList());
        boolean done = o.status() == OrderStatus.SHIPPED
                || (o.status() == OrderStatus.CANCELLED && (!o.stockReserved() || o.stockReleased()));
        return done ? o.status().name() : null;
    }
}
