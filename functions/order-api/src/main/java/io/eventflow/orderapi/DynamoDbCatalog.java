package io.eventflow.orderapi;

import io.eventflow.events.RetryableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Prices from {@code InventoryTable}: one BatchGetItem for an order's SKUs (an order has at most 50 lines, a
 * BatchGetItem takes 100 keys), projected to the price attributes. Keys DynamoDB leaves unprocessed
 * (throttling) are asked again a few times; still unprocessed is a retryable failure (the API answers 503).
 */
public final class DynamoDbCatalog implements Catalog {
    private static final int MAX_ROUNDS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The price attributes of one SKU's item, as {@link #prices} reads them. */
    public static Map<String, AttributeValue> priceItem(String sku, long priceCents, String currency) {
        return Map.of(
                "sku",
                AttributeValue.fromS(sku),
                "priceCents",
                AttributeValue.fromN(Long.toString(priceCents)),
                "currency",
                AttributeValue.fromS(currency));
    }

    @Override
    public Map<String, Price> prices(Set<String> skus) {
        Map<String, Price> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        skus.forEach(sku -> keys.add(Map.of("sku", AttributeValue.fromS(sku))));
        Map<String, KeysAndAttributes> request = Map.of(
                table,
                KeysAndAttributes.builder()
                        .keys(keys)
                        .projectionExpression("sku, priceCents, currency")
                        .build());
        try {
            for (int round = 0; round < MAX_ROUNDS && !request.isEmpty(); round++) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    AttributeValue price = item.get("priceCents");
                    AttributeValue currency = item.get("currency");
                    if (price != null && price.n() != null && currency != null && currency.s() != null) {
                        out.put(item.get("sku").s(), new Price(Long.parseLong(price.n()), currency.s()));
                    }
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        } catch (SdkException e) {
            throw new RetryableException("reading catalog prices failed: " + e.getMessage(), e);
        }
        if (!request.isEmpty()) {
            throw new RetryableException(
                    "catalog prices still unprocessed after " + MAX_ROUNDS + " BatchGetItem calls");
        }
        return out;
    }
}
