package io.eventflow.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders of a run, drawn from the seed: most go through (reserved, paid, confirmed, shipped), some ask
 * for a SKU that has no stock, some are declined by the payment provider (a CUST-DECLINE customer, or a total
 * above the simulated card limit of 5,000.00), and stock is seeded so that nothing else runs out.
 */
public record Workload(String skuPrefix, List<Order> orders) {
    public static final int SKUS = 5;

    public record Order(int number, String customerId, boolean phone, Map<String, Integer> quantities, long unitPriceCents,
                        String expected) {
        /** The POST /orders body. */
        public Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("customerId", customerId);
            b.put("customerEmail", "customer" + number + "@example.com");
            if (phone) {
                b.put("customerPhone", String.format("+1555%07d", number));
            }
            b.put("currency", "EUR");
            b.put("items", quantities.entrySet().stream().map(e -> Map.of("sku", e.getKey(), "quantity", e.getValue(),
                    "unitPriceCents", unitPriceCents)).toList());
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
                q.merge(skuPrefix + (int) (plan.unit("sku" + l, k) * SKUS), 1 + (int) (plan.unit("qty" + l, k) * 3), Integer::sum);
            }
            boolean phone = plan.unit("phone", k) < 0.5;
            String customer = "CUST-" + n;
            long price = 100 + (long) (plan.unit("price", k) * 9900);
            String expected = "SHIPPED";
            if (kind < 0.08) {
                q.put(skuPrefix + "OUT", 1);
                expected = "CANCELLED";
            } else if (kind < 0.13) {
                customer = "CUST-DECLINE-" + n;
                expected = "CANCELLED";
            } else if (kind < 0.16) {
                price = 600_000;
                expected = "CANCELLED";
            }
            list.add(new Order(n, customer, phone, q, price, expected));
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
        s.put(skuPrefix + "OUT", 0L);
        return s;
    }
}
