package io.eventflow.load;

import io.eventflow.runtime.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which way each order is meant to end, drawn from the seed: {@code shipped} (a stocked SKU), {@code stock}
 * (cancelled: a SKU with no stock), {@code payment} (cancelled: a customer the simulated provider declines,
 * CUST-DECLINE*, after the stock was reserved and before it is released). The same names as the capacity model's
 * paths, so a mix means the same in both.
 *
 * @param shares path name to share, summing to 1
 */
public record Mix(Map<String, Double> shares) {
    public static final List<String> PATHS = List.of("shipped", "stock", "payment");
    public static final String DEFAULT = "shipped=0.8,stock=0.1,payment=0.1";

    /** The SKUs the orders ask for: one with stock, one without; the API prices both from the catalog. */
    public record Catalog(String stocked, String empty) {}

    public Mix {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** {@code path=share,...}; shares are normalised; an unknown path or a negative share is refused. */
    public static Mix parse(String text) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(
                        "--mix takes path=share pairs, e.g. " + DEFAULT + "; got '" + part + "'");
            }
            String path = kv[0].trim();
            if (!PATHS.contains(path)) {
                throw new IllegalArgumentException(
                        "--mix names unknown path '" + path + "' (one of " + String.join(", ", PATHS) + ")");
            }
            double share;
            try {
                share = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix share of " + path + " is not a number: '" + kv[1] + "'");
            }
            if (share < 0 || Double.isNaN(share) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("--mix share of " + path + " must be >= 0, got " + kv[1]);
            }
            shares.merge(path, share, Double::sum);
        }
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum <= 0) {
            throw new IllegalArgumentException("--mix shares sum to 0");
        }
        shares.replaceAll((k, v) -> v / sum);
        return new Mix(shares);
    }

    /** The path of order {@code n} of a run with {@code seed}: the same for the same seed, whatever the timing. */
    public String pathOf(long seed, int n) {
        double u = unit(seed, n);
        double cumulative = 0;
        String last = null;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            cumulative += e.getValue();
            last = e.getKey();
            if (u < cumulative) {
                return last;
            }
        }
        return last;
    }

    /** The POST /orders body of order {@code n} on {@code path}. */
    public static String body(String path, int n, String runTag, Catalog catalog) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("customerId", ("payment".equals(path) ? "CUST-DECLINE-LOAD-" : "CUST-LOAD-") + n);
        b.put("customerEmail", "load+" + runTag + "-" + n + "@example.com");
        b.put("customerPhone", String.format("+1555%07d", n % 10_000_000));
        b.put(
                "items",
                List.of(Map.of("sku", "stock".equals(path) ? catalog.empty() : catalog.stocked(), "quantity", 1)));
        return Json.write(b);
    }

    /** A uniform number in [0, 1) from (seed, n): SplitMix64's finaliser. */
    static double unit(long seed, int n) {
        long z = seed * 0x9E3779B97F4A7C15L + n + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
