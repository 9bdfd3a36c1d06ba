package io.eventflow.shipping;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Pure: a confirmed order gets one shipment; the tracking id is stable per order (no double shipment). */
public final class Shipping {
    private static final List<String> CARRIERS = List.of("DHL", "UPS", "FedEx");

    private Shipping() {
    }

    public static List<DomainEvent> decide(DomainEvent happened, Order order) {
        if (happened instanceof OrderConfirmed && order.status() == OrderStatus.CONFIRMED) {
            return List.of(new ShipmentScheduled(order.orderId(), trackingId(order.orderId()), carrier(order)));
        }
        return List.of();
    }

    static String trackingId(String orderId) {
        String hex = UUID.nameUUIDFromBytes(("shipment|" + orderId).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "").substring(0, 12).toUpperCase();
        return "TRK-" + hex;
    }

    /** Heavier baskets go by the freight carrier; the choice only needs to be deterministic. */
    static String carrier(Order order) {
        int units = order.items().stream().mapToInt(i -> i.quantity()).sum();
        return CARRIERS.get(Math.min(units / 10, CARRIERS.size() - 1));
    }
}
