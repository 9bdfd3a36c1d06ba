package io.eventflow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads events/inventory/seed-stock.json ({"SKU": quantity}) and the catalog next to it, seed-catalog.json
 * ({"SKU": {"priceCents": n, "currency": "EUR"}}), into InventoryTable: one item per SKU with {@code available}
 * (N) and, when the catalog prices it, {@code priceCents} (N) and {@code currency} (S), which OrderApi prices
 * orders from. A SKU without a catalog price has stock but is not for sale.
 */
public final class Seed {
    private Seed() {}

    public static Map<String, Long> inventory(Clients clients, Template template, Path seedFile) {
        Map<String, Long> stock = new LinkedHashMap<>();
        var table = template.table("InventoryTable");
        if (table.isEmpty() || !Files.isRegularFile(seedFile)) {
            return stock;
        }
        try {
            JsonNode seed = Json.parse(Files.readString(seedFile));
            seed.properties().forEach(e -> stock.put(e.getKey(), e.getValue().asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + seedFile + ": " + e.getMessage(), e);
        }
        Map<String, JsonNode> catalog = new LinkedHashMap<>();
        Path catalogFile = seedFile.resolveSibling("seed-catalog.json");
        if (Files.isRegularFile(catalogFile)) {
            try {
                Json.parse(Files.readString(catalogFile))
                        .properties()
                        .forEach(e -> catalog.put(e.getKey(), e.getValue()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + catalogFile + ": " + e.getMessage(), e);
            }
        }
        stock.forEach((sku, qty) -> {
            JsonNode price = catalog.get(sku);
            clients.dynamo.putItem(b -> b.tableName(table.get().name())
                    .item(
                            price == null
                                    ? item(sku, qty, null, null)
                                    : item(
                                            sku,
                                            qty,
                                            price.get("priceCents").asLong(),
                                            price.get("currency").asText())));
        });
        return stock;
    }

    /**
     * One InventoryTable item: {@code available} units of {@code sku}, for sale at {@code priceCents} in
     * {@code currency} (both null: stock that is not for sale).
     */
    public static Map<String, AttributeValue> item(String sku, long available, Long priceCents, String currency) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                Map.of("sku", AttributeValue.fromS(sku), "available", AttributeValue.fromN(Long.toString(available))));
        if (priceCents != null) {
            item.put("priceCents", AttributeValue.fromN(Long.toString(priceCents)));
            item.put("currency", AttributeValue.fromS(currency));
        }
        return item;
    }

    public static Map<String, Long> currentStock(Clients clients, Template template) {
        Map<String, Long> stock = new LinkedHashMap<>();
        template.table("InventoryTable")
                .ifPresent(t -> clients.dynamo
                        .scanPaginator(b -> b.tableName(t.name()))
                        .items()
                        .forEach(i -> stock.put(
                                i.get("sku").s(),
                                i.containsKey("available")
                                        ? Long.parseLong(i.get("available").n())
                                        : 0)));
        return stock;
    }
}
