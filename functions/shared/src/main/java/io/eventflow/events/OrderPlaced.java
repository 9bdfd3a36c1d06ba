package io.eventflow.events;

import java.util.List;

/**
 * A customer placed an order. Schema v2 added {@code currency}; v1 events are upcast on read.
 * Contact details stay in the event store (customers are notified from there), never in logs or SNS.
 */
public record OrderPlaced(String orderId, String customerId, String customerEmail, String customerPhone,
                          List<LineItem> items, String currency, long totalCents) implements DomainEvent {
    public OrderPlaced {
        items = List.copyOf(items);
    }
}
