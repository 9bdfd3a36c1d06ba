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
import io.eventflow.order.OrderReactor.Reaction;
import io.eventflow.order.OrderStatus;

/**
 * The order saga's decisions, pure: given what happened and the order as folded from its stream (which
 * already contains that event), what must follow. Every transition is checked against the order's state
 * machine; an event that is not valid in the current state (late, duplicated, or forged past verification)
 * is ignored with its reason: a PAID order is never cancelled by a rejection, a terminal order decides nothing.
 *
 * <pre>
 *   PLACED   + InventoryRejected  -> OrderCancelled
 *   RESERVED + PaymentDeclined    -> InventoryReleased, OrderCancelled (compensation)
 *   PAID     + PaymentAuthorized  -> OrderConfirmed
 *   any      + ShipmentScheduled  -> nothing (the saga ends)
 * </pre>
 */
public final class OrderSaga {
    private OrderSaga() {}

    public static Reaction decide(DomainEvent happened, Order order) {
        OrderStatus status = order.status();
        return switch (happened) {
            case PaymentAuthorized a
            when status == OrderStatus.PAID -> Reaction.emit(new OrderConfirmed(order.orderId(), a.paymentId()));
            case InventoryRejected r
            when status == OrderStatus.PLACED ->
                Reaction.emit(new OrderCancelled(order.orderId(), "out of stock: " + r.sku()));
            case PaymentDeclined d when status == OrderStatus.RESERVED -> compensate(order, d);
            // Shipment ends the saga; nothing to emit (the notifier and projector react to it on their own).
            case ShipmentScheduled s -> Reaction.emit();
            default ->
                Reaction.ignore(happened.getClass().getSimpleName() + " is not a transition of a " + status + " order");
        };
    }

    /** A declined payment after a reservation gives the stock back before the order is cancelled. */
    private static Reaction compensate(Order order, PaymentDeclined declined) {
        String reason = "payment declined: " + declined.reason();
        if (order.stockReserved() && !order.stockReleased()) {
            return Reaction.emit(
                    new InventoryReleased(order.orderId(), order.items(), "payment declined"),
                    new OrderCancelled(order.orderId(), reason));
        }
        return Reaction.emit(new OrderCancelled(order.orderId(), reason));
    }
}
