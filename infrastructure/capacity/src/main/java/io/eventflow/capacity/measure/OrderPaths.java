package io.eventflow.capacity.measure;

import java.util.List;
import java.util.Map;

/**
 * The three ways an order ends, as the measuring run places them: one line of a stocked SKU (shipped), one line of
 * a SKU with no stock (cancelled for stock), a customer the simulated provider declines (cancelled for payment).
 */
public final class OrderPaths {
    public static final String STOCKED_SKU = "CAP-SKU-1";
    public static final String EMPTY_SKU = "CAP-SKU-OUT";
    /** Seed stock: enough for any measuring run, and none of the empty SKU. */
    public static final Map<String, Long> SEED = Map.of(STOCKED_SKU, 1_000_000L, EMPTY_SKU, 0L);
    /** The catalog price of both SKUs: orders send none, the API prices them (as in production). */
    static final long PRICE_CENTS = 1250;

    static final String CURRENCY = "EUR";

    public record Path(String name, String sku, String customerId) {}

    public static final List<Path> ALL = List.of(
            new Path("shipped", STOCKED_SKU, "CUST-CAP-1"),
            new Path("stock", EMPTY_SKU, "CUST-CAP-2"),
            // SimulatedPaymentProvider declines customers whose id starts with CUST-DECLINE
            new Path("payment", STOCKED_SKU, "CUST-DECLINE-CAP"));

    private OrderPaths() {}

    public static Path named(String name) {
        return ALL.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown path '" + name + "' (shipped, stock, payment)"));
    }

    static String body(Path p) {
        return "{\"customerId\":\"" + p.customerId() + "\",\"customerEmail\":\"capacity@example.com\","
                + "\"customerPhone\":\"+15550100199\","
                + "\"items\":[{\"sku\":\"" + p.sku() + "\",\"quantity\":1}]}";
    }
}
