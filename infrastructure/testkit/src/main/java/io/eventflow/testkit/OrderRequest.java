package io.eventflow.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of POST /orders. A null email or phone is filled in by {@link Flow#placeOrder} with one of the flow's
 * own, so the emails and SMS counted for the order are its own; pass {@link #withContact} to choose them.
 */
public record OrderRequest(
        String customerId, String customerEmail, String customerPhone, String currency, List<Item> items) {
    public record Item(String sku, int quantity) {}

    public OrderRequest {
        items = List.copyOf(items);
    }

    public OrderRequest withCustomer(String id) {
        return new OrderRequest(id, customerEmail, customerPhone, currency, items);
    }

    public OrderRequest withContact(String email, String phone) {
        return new OrderRequest(customerId, email, phone, currency, items);
    }

    public OrderRequest withItem(String sku, int quantity) {
        List<Item> more = new ArrayList<>(items);
        more.add(new Item(sku, quantity));
        return new OrderRequest(customerId, customerEmail, customerPhone, currency, more);
    }

    public OrderRequest withItems(List<Item> replaced) {
        return new OrderRequest(customerId, customerEmail, customerPhone, currency, replaced);
    }

    /** The JSON the API takes (prices come from the catalog). */
    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", customerId);
        if (customerEmail != null) {
            m.put("customerEmail", customerEmail);
        }
        if (customerPhone != null) {
            m.put("customerPhone", customerPhone);
        }
        if (currency != null) {
            m.put("currency", currency);
        }
        m.put(
                "items",
                items.stream()
                        .map(i -> Map.<String, Object>of("sku", i.sku(), "quantity", i.quantity()))
                        .toList());
        return m;
    }
}
