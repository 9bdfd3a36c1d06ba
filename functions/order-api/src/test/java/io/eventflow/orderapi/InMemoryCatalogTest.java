package io.eventflow.orderapi;

class InMemoryCatalogTest extends CatalogContract {
    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    protected Catalog catalog() {
        return catalog;
    }

    @Override
    protected void given(String sku, long unitPriceCents, String currency) {
        catalog.put(sku, unitPriceCents, currency);
    }

    @Override
    protected void givenStockOnly(String sku) {}
}
