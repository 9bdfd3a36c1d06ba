package io.eventflow.orderapi;

import io.eventflow.events.LineItem;

import java.util.List;

/** A validated POST /orders body. Email and phone are customer data: never log them. */
public record PlaceOrderRequest(String customerId, String customerEmail, String customerPhone, String currency,
                                List<LineItem> items) {
    public PlaceOrderRequest {
        items = List.copyOf(items);
    }

    public long totalCents() {
        return items.stream().mapToLong(LineItem::totalCents).reduce(0, Math::addExact);
    }
}
