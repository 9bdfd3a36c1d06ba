package io.eventflow.events;

import java.util.List;

/**
 * A customer placed an order. Schema v2 added {@code currency}; v1 events are upcast on read.
 * Contact details stay in the event store (customers are notified from there), never in logs or SNS.
 *
 * @param placedBy the owner: the IAM identity that called POST /orders under ApiAuth=IAM, without the parts the
 *                 caller chooses (an assumed role's session name; see the order API's Owner), null on an open API:
 *                 GET /orders/{orderId} answers that owner only. Optional in schema v2 (added without a
 *                 version bump: absent means "no owner", which is what every earlier event meant).
 */
public record OrderPlaced(
        String orderId,
        String customerId,
        String customerEmail,
        String customerPhone,
        List<LineItem> items,
        String currency,
        long totalCents,
        String placedBy)
        implements DomainEvent {
    public OrderPlaced {
        items = List.copyOf(items);
    }

    /** An order without an owner (open API, tests). */
    public OrderPlaced(
            String orderId,
            String customerId,
            String customerEmail,
            String customerPhone,
            List<LineItem> items,
            String currency,
            long totalCents) {
        this(orderId, customerId, customerEmail, customerPhone, items, currency, totalCents, null);
    }
}
