package io.eventflow.orderapi;

import io.eventflow.events.LineItem;
import java.time.Instant;
import java.util.List;

/** An order as GET /orders/{orderId} shows it, read from OrderViewTable. */
public record OrderDetails(
        String orderId,
        String status,
        long version,
        List<LineItem> items,
        String currency,
        long totalCents,
        String paymentId,
        String trackingId,
        String cancelReason,
        List<Step> timeline) {

    public OrderDetails {
        items = List.copyOf(items);
        timeline = List.copyOf(timeline);
    }

    /** One event of the order's history. */
    public record Step(long sequence, String eventType, Instant timestamp) {}
}
