package io.eventflow.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Demo stock ({@code events/inventory/seed-stock.json}: {@code {"SKU-001": 100, ...}}) for the local runtime
 * and the demo: parsed strictly, applied through the repository port.
 */
public final class StockSeed {
    private StockSeed() {}

    public static Map<String, Long> parse(String json) {
        JsonNode root = EventJson.parse(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("stock seed must be a JSON object of SKU -> units");
        }
        Map<String, Long> stock = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (!e.getKey().matches("^[A-Z0-9][A-Z0-9-]{0,31}$")) {
                throw new IllegalArgumentException("not a SKU: '" + e.getKey() + "'");
            }
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                throw new IllegalArgumentException("stock of " + e.getKey() + " must be a whole number >= 0");
            }
            stock.put(e.getKey(), e.getValue().asLong());
        });
        return stock;
    }

    public static Map<String, Long> load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stock seed " + file, e);
        }
    }

    public static void apply(InventoryRepository repository, Map<String, Long> stock) {
        stock.forEach(repository::seed);
    }
}
