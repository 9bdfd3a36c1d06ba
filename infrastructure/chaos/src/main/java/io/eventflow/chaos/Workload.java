package io.eventflow.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders of a run, drawn from the seed: most go through (reserved, paid, confirmed, shipped), some ask
 * for a SKU that has no stock, some are declined by the payment provider (a CUST-DECLINE customer, or a total
 * above the simulated card limit of 5,000.00: one unit of the LUX SKU), and stock is seeded so that nothing else
 * runs out. Prices come from the catalog seeded with the stock ({@link #prices()}); orders send none.
 */
public record Workload(String skuPrefix, List<Order> orders) {
    public static final int SKUS = 5;

    /** One unit of it is above the simulated card limit (500,000 cents). */
    public static final long LUX_PRICE_CENTS = 600_000;

    public record Order(
            int number, String customerId, boolean phone, Map<String, Integer> quantities, String expected) {
        /** The POST /orders body. */
        public Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("customerId", customerId);
            b.put("customerEmail", "customer" + number + "@example.com");
            if (phone) {
                b.put("customerPhone", String.format("+1555%07d", number));
            }
            b.put(
                    "items",
                    quantities.entrySet().stream()
                            .map(e -> Map.of("sku", e.getKey(), "quantity", e.getValue()))
                            .toList());
            return b;
        }
    }

    public static Workload of(FaultPlan plan, int orders, String skuPrefix) {
        List<Order> list = new java.util.ArrayList<>();
        for (int n = 0; n < orders; n++) {
            String k = Integer.toString(n);
            double kind = plan.unit("kind", k);
            Map<String, Integer> q = new LinkedHashMap<>();
            int lines = 1 + (int) (plan.unit("lines", k) * 3);
            for (int l = 0; l < lines; l++) {
                q.merge(
                        skuPrefix + (int) (plan.unit("sku" + l, k) * SKUS),
                        1 + (int) (plan.unit("qty" + l, k) * 3),
                        Integer::sum);
            }
            boolean phone = plan.unit("phone", k) < 0.5;
            String customer = "CUST-" + n;
            String expected = "SHIPPED";
            if (kind < 0.08) {
                q.put(skuPrefix + "OUT", 1);
                expected = "CANCELLED";
            } else if (kind < 0.13) {
                customer = "CUST-DECLINE-" + n;
                expected = "CANCELLED";
            } else if (kind < 0.16) {
                q.put(skuPrefix + "LUX", 1);
                expected = "CANCELLED";
            }
            list.add(new Order(n, customer, phone, q, expected));
        }
        return new Workload(skuPrefix, list);
    }

    /** Enough of every SKU for all orders at once (so only the OUT SKU ever rejects), and 0 of OUT. */
    public Map<String, Long> stock() {
        Map<String, Long> s = new LinkedHashMap<>();
        for (int i = 0; i < SKUS; i++) {
            s.put(skuPrefix + i, 0L);
        }
        orders.forEach(o -> o.quantities().forEach((sku, q) -> s.merge(sku, (long) q, Long::sum)));
        s.replaceAll((sku, total) -> total + 10);
        s.putIfAbsent(skuPrefix + "LUX", 0L);
        s.put(skuPrefix + "LUX", s.get(skuPrefix + "LUX") + 10);
        s.put(skuPrefix + "OUT", 0L);
        return s;
    }

    /** The catalog of the run: a price per SKU in cents, all in EUR; LUX is above the card limit. */
    public Map<String, Long> prices() {
        Map<String, Long> p = new LinkedHashMap<>();
        for (int i = 0; i < SKUS; i++) {
            p.put(skuPrefix + i, 100L + 1000L * i);
        }
        p.put(skuPrefix + "LUX", LUX_PRICE_CENTS);
        p.put(skuPrefix + "OUT", 500L);
        return p;
    }
}
