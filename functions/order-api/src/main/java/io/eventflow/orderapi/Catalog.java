package io.eventflow.orderapi;

import java.util.Map;
import java.util.Set;

/**
 * The product catalog the server prices orders from: the {@code InventoryTable} item of each SKU carries
 * {@code priceCents} (N) and {@code currency} (S) next to its stock. Implemented on DynamoDB and by an
 * in-memory twin; {@code CatalogContract} runs against both.
 */
public interface Catalog {

    /** A SKU's price per unit. */
    record Price(long unitPriceCents, String currency) {}

    /** The prices of those of {@code skus} that are in the catalog (a SKU without a price is not for sale). */
    Map<String, Price> prices(Set<String> skus);
}
