package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link Catalog} does; runs against the DynamoDB adapter (emulator) and the in-memory twin. */
abstract class CatalogContract {
    protected abstract Catalog catalog();

    /** An item with a price (and stock, as the inventory table holds both). */
    protected abstract void given(String sku, long unitPriceCents, String currency);

    /** An item with stock only: not for sale. */
    protected abstract void givenStockOnly(String sku);

    @Test
    void answersThePricesOfKnownSkusOnly() {
        given("C-A", 1250, "EUR");
        given("C-B", 0, "USD");
        givenStockOnly("C-STOCK");
        assertThat(catalog().prices(Set.of("C-A", "C-B", "C-STOCK", "C-NONE")))
                .isEqualTo(Map.of("C-A", new Catalog.Price(1250, "EUR"), "C-B", new Catalog.Price(0, "USD")));
    }

    @Test
    void fiftySkusInOneCall() {
        Set<String> skus = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            given("C-MANY-" + i, 100 + i, "EUR");
            skus.add("C-MANY-" + i);
        }
        assertThat(catalog().prices(skus)).hasSize(50).containsEntry("C-MANY-49", new Catalog.Price(149, "EUR"));
    }

    @Test
    void noSkusNoPrices() {
        assertThat(catalog().prices(Set.of())).isEmpty();
    }
}
