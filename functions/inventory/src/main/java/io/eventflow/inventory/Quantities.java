package io.eventflow.inventory;

import io.eventflow.events.LineItem;
import io.eventflow.events.PermanentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order lines added up per SKU: one transaction may touch an item only once. */
final class Quantities {
    private Quantities() {}

    /** SKU -> total quantity, in the order SKUs first appear. */
    static Map<String, Long> bySku(List<LineItem> items) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (LineItem item : items) {
            if (item.quantity() <= 0) {
                throw new PermanentException("quantity of " + item.sku() + " must be positive, got " + item.quantity());
            }
            out.merge(item.sku(), (long) item.quantity(), Long::sum);
        }
        return out;
    }

    /** What a release gives back: per requested SKU, no more than the reservation holds. */
    static Map<String, Long> toRestock(Map<String, Long> requested, Map<String, Long> held) {
        Map<String, Long> out = new LinkedHashMap<>();
        requested.forEach((sku, q) -> {
            long give = Math.min(q, held.getOrDefault(sku, 0L));
            if (give > 0) {
                out.put(sku, give);
            }
        });
        return out;
    }
}
