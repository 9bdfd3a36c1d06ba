package io.eventflow.events;

/**
 * The payload ({@code data}) of every event of the order flow. All of them belong to one order's
 * stream ({@code Order-<orderId>}), so the stream's sequence orders the whole story of an order.
 */
public sealed interface DomainEvent
        permits OrderPlaced,
                InventoryReserved,
                InventoryRejected,
                InventoryReleased,
                PaymentAuthorized,
                PaymentDeclined,
                OrderConfirmed,
                OrderCancelled,
                ShipmentScheduled {

    String orderId();

    static String streamOf(String orderId) {
        return "Order-" + orderId;
    }
}
