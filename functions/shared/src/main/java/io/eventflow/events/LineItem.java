package io.eventflow.events;

/** One order line; money is in minor units (cents) so that arithmetic is exact. */
public record LineItem(String sku, int quantity, long unitPriceCents) {
    public long totalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }
}
