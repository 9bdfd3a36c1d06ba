package io.eventflow.orderapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of {@link DynamoDbCatalog}. */
final class InMemoryCatalog implements Catalog {
    static final Path SAMPLE = Path.of("../../events/inventory/seed-catalog.json");

    private final Map<String, Price> prices = new ConcurrentHashMap<>();

    /** The catalog the demo seeds ({@code events/inventory/seed-catalog.json}). */
    static InMemoryCatalog sample() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        try {
            JsonNode root = EventJson.parse(Files.readString(SAMPLE));
            root.properties()
                    .forEach(e -> catalog.put(
                            e.getKey(),
                            e.getValue().get("priceCents").asLong(),
                            e.getValue().get("currency").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return catalog;
    }

    InMemoryCatalog put(String sku, long unitPriceCents, String currency) {
        prices.put(sku, new Price(unitPriceCents, currency));
        return this;
    }

    @Override
    public Map<String, Price> prices(Set<String> skus) {
        Map<String, Price> out = new HashMap<>();
        skus.forEach(sku -> {
            Price p = prices.get(sku);
            if (p != null) {
                out.put(sku, p);
            }
        });
        return out;
    }
}
