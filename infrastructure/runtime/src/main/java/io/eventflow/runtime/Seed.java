package io.eventflow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.template.AppTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads events/inventory/seed-stock.json ({"SKU": quantity}) into InventoryTable (sku S, available N). */
public final class Seed {
    private Seed() {
    }

    public static Map<String, Long> inventory(Clients clients, AppTemplate template, Path seedFile) {
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
        stock.forEach((sku, qty) -> clients.dynamo.putItem(b -> b.tableName(table.get().name()).item(Map.of(
                "sku", AttributeValue.fromS(sku), "available", AttributeValue.fromN(Long.toString(qty))))));
        return stock;
    }

    public static Map<String, Long> currentStock(Clients clients, AppTemplate template) {
        Map<String, Long> stock = new LinkedHashMap<>();
        template.table("InventoryTable").ifPresent(t -> clients.dynamo.scanPaginator(b -> b.tableName(t.name())).items()
                .forEach(i -> stock.put(i.get("sku").s(), i.containsKey("available") ? Long.parseLong(i.get("available").n()) : 0)));
        return stock;
    }
}
