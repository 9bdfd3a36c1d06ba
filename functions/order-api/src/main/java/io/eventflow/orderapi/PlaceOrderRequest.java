package io.eventflow.orderapi;

import java.util.List;

/**
 * A schema-valid POST /orders body, before pricing. {@code currency} and each line's {@code unitPriceCents}
 * are optional: the catalog decides them, a value the client sends must agree. Email and phone are customer
 * data: never log them.
 */
public record PlaceOrderRequest(
        String customerId, String customerEmail, String customerPhone, String currency, List<Line> items) {
    public record Line(String sku, int quantity, Long unitPriceCents) {}

    public PlaceOrderRequest {
        items = List.copyOf(items);
    }
}
