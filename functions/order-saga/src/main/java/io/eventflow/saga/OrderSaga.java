package io.eventflow.saga;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;

import java.util.List;

/**
 * The order saga's decisions, pure: given what happened and the order as folded from its stream (which
 * already contains that event), what must follow. A terminal order decides nothing, so redeliveries and
 * late duplicates are harmless.
 */
public final class OrderSaga {
    private OrderSaga() {
    }

    public static List<DomainEvent> decide(DomainEvent happened, Order order) {
        return switch (happened) {
            case PaymentAuthorized a when order.status() == OrderStatus.PAID ->
                    List.of(new OrderConfirmed(order.orderId(), a.paymentId()));
            case InventoryRejected r when !order.status().isTerminal() ->
                    List.of(new OrderCancelled(order.orderId(), "out of stock: " + r.sku()));
            case PaymentDeclined d when !order.status().isTerminal() -> compensate(order, d);
            // Shipment ends the saga; nothing to emit (the notifier and projector react to it on their own).
            case ShipmentScheduled s -> List.of();
            default -> List.of();
        };
    }

    /** A declined payment after a reservation gives the stock back before the order is cancelled. */
    private static List<DomainEvent> compensate(Order order, PaymentDeclined declined) {
        String reason = "payment declined: " + declined.reason();
        if (order.stockReserved() && !order.stockReleased()) {
            return List.of(new InventoryReleased(order.orderId(), order.items(), "payment declined"),
                    new OrderCancelled(order.orderId(), reason));
        }
        return List.of(new OrderCancelled(order.orderId(), reason));
    }
}
