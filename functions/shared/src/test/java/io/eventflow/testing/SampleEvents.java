package io.eventflow.testing;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One realistic instance of every event type, for tests of every module. */
public final class SampleEvents {
    public static final Instant T0 = Instant.parse("2026-11-28T10:15:30.123Z");

    private SampleEvents() {}

    public static List<LineItem> items() {
        return List.of(new LineItem("SKU-001", 2, 1250), new LineItem("SKU-002", 1, 4999));
    }

    public static OrderPlaced orderPlaced(String orderId) {
        return new OrderPlaced(orderId, "CUST-42", "ada@example.com", "+15550100042", items(), "EUR", 7499);
    }

    /** One of each type, all for the same order. */
    public static List<DomainEvent> everyType(String orderId) {
        return List.of(
                orderPlaced(orderId),
                new InventoryReserved(orderId, items()),
                new InventoryRejected(orderId, "SKU-002", "insufficient stock: 0 of 1 available"),
                new InventoryReleased(orderId, items(), "payment declined"),
                new PaymentAuthorized(orderId, "PAY-" + orderId, 7499, "EUR"),
                new PaymentDeclined(orderId, "card declined"),
                new OrderConfirmed(orderId, "PAY-" + orderId),
                new OrderCancelled(orderId, "payment declined"),
                new ShipmentScheduled(orderId, "TRK-" + orderId, "DHL"));
    }

    public static EventEnvelope draft(DomainEvent event) {
        return draft(event, T0);
    }

    public static EventEnvelope draft(DomainEvent event, Instant at) {
        return EventCodec.draft(
                event, UUID.randomUUID().toString(), at, "eventflow.test", "corr-" + event.orderId(), null);
    }
}
