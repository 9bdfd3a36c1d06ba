package io.eventflow.inventory;

/** What {@link InventoryRepository#reserve} did. */
public sealed interface ReservationResult {

    /** @param repeat true when the order already held this reservation (an earlier, unfinished attempt) */
    record Reserved(boolean repeat) implements ReservationResult {}

    /** Nothing was taken: {@code sku} has {@code available} units and the order wants {@code requested}. */
    record Rejected(String sku, long available, long requested) implements ReservationResult {}
}
