package io.eventflow.order;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.events.ShipmentScheduled;
import java.util.List;

/**
 * The state of one order, folded from its stream: {@code evolve(state, event)} is pure and total, so
 * every consumer (saga, payment, shipping, projector) reads the same story the same way.
 *
 * @param version the sequence of the last event folded in (the expectedVersion of the next append)
 */
public record Order(
        String orderId,
        OrderStatus status,
        long version,
        String customerId,
        List<LineItem> items,
        String currency,
        long totalCents,
        boolean stockReserved,
        boolean stockReleased,
        String paymentId,
        String trackingId,
        String cancelReason) {

    public static Order initial(String orderId) {
        return new Order(orderId, OrderStatus.NEW, 0, null, List.of(), null, 0, false, false, null, null, null);
    }

    public static Order fold(String orderId, List<? extends DomainEvent> events) {
        Order state = initial(orderId);
        for (DomainEvent e : events) {
            state = state.evolve(e);
        }
        return state;
    }

    /** The state after {@code event}; {@link #version} counts events folded in. */
    public Order evolve(DomainEvent event) {
        long v = version + 1;
        return switch (event) {
            case OrderPlaced p ->
                new Order(
                        orderId,
                        OrderStatus.PLACED,
                        v,
                        p.customerId(),
                        p.items(),
                        p.currency(),
                        p.totalCents(),
                        false,
                        false,
                        null,
                        null,
                        null);
            case InventoryReserved r ->
                with(OrderStatus.RESERVED, v, true, stockReleased, paymentId, trackingId, cancelReason);
            case InventoryRejected r -> with(status, v, false, stockReleased, paymentId, trackingId, cancelReason);
            case InventoryReleased r -> with(status, v, stockReserved, true, paymentId, trackingId, cancelReason);
            case PaymentAuthorized a ->
                with(OrderStatus.PAID, v, stockReserved, stockReleased, a.paymentId(), trackingId, cancelReason);
            case PaymentDeclined d ->
                with(status, v, stockReserved, stockReleased, paymentId, trackingId, cancelReason);
            case OrderConfirmed c ->
                with(OrderStatus.CONFIRMED, v, stockReserved, stockReleased, c.paymentId(), trackingId, cancelReason);
            case OrderCancelled c ->
                with(OrderStatus.CANCELLED, v, stockReserved, stockReleased, paymentId, trackingId, c.reason());
            case ShipmentScheduled s ->
                with(OrderStatus.SHIPPED, v, stockReserved, stockReleased, paymentId, s.trackingId(), cancelReason);
        };
    }

    private Order with(
            OrderStatus s, long v, boolean reserved, boolean released, String pay, String track, String reason) {
        return new Order(
                orderId, s, v, customerId, items, currency, totalCents, reserved, released, pay, track, reason);
    }
}
