package io.eventflow.shipping;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.order.Order;
import io.eventflow.order.OrderReactor.Reaction;
import io.eventflow.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Pure: a confirmed order gets one shipment; the tracking id is stable per order (no double shipment). */
public final class Shipping {
    private static final List<String> CARRIERS = List.of("DHL", "UPS", "FedEx");

    private Shipping() {}

    public static Reaction decide(DomainEvent happened, Order order) {
        if (happened instanceof OrderConfirmed && order.status() == OrderStatus.CONFIRMED) {
            return Reaction.emit(new ShipmentScheduled(order.orderId(), trackingId(order.orderId()), carrier(order)));
        }
        return Reaction.ignore(
                happened.getClass().getSimpleName() + " ships nothing for a " + order.status() + " order");
    }

    static String trackingId(String orderId) {
        String hex = UUID.nameUUIDFromBytes(("shipment|" + orderId).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toUpperCase();
        return "TRK-" + hex;
    }

    /** Heavier baskets go by the freight carrier; the choice only needs to be deterministic. */
    static String carrier(Order order) {
        int units = order.items().stream().mapToInt(i -> i.quantity()).sum();
        return CARRIERS.get(Math.min(units / 10, CARRIERS.size() - 1));
    }
}
