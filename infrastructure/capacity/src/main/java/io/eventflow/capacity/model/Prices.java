package io.eventflow.capacity.model;

import java.util.List;

/** A dated public price list (docs/capacity/prices-us-east-1.json): editable input of the cost model. */
public record Prices(String region, String currency, String read, List<Price> prices) {
    /** @param usd price of one {@code per} unit */
    public record Price(String id, String name, double usd, String per, String source, String note) {}

    public double usd(String id) {
        return get(id).usd();
    }

    public Price get(String id) {
        return prices.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("price list has no entry '" + id + "'"));
    }
}
