package io.eventflow.inventory;

import io.eventflow.events.LineItem;
import java.util.List;

/**
 * Stock per SKU plus one reservation record per order. Implemented on DynamoDB and by an in-memory twin;
 * {@code InventoryRepositoryContract} runs against both.
 *
 * <p>Both writes are idempotent per order, which is what makes the consumer safe against a redelivery
 * after a crash between the stock write and the event append: a second {@link #reserve} for the same order
 * answers the reservation it already holds, a second {@link #release} gives nothing back.
 */
public interface InventoryRepository {

    /**
     * Takes every line's quantity out of stock, all SKUs or none (lines of the same SKU are added up);
     * stock never goes below zero and an unknown SKU has no stock. Records what the order holds.
     *
     * @return {@link ReservationResult.Reserved} (also when this order already holds its reservation),
     * or {@link ReservationResult.Rejected} naming the first SKU that is short; nothing is held then
     */
    ReservationResult reserve(String orderId, List<LineItem> items);

    /**
     * Gives back what the order's reservation holds, at most the requested quantity per SKU, and closes the
     * reservation in the same write, so it happens once. No reservation, or a closed one: nothing changes.
     */
    ReleaseResult release(String orderId, List<LineItem> items);

    /** Units on hand; 0 for an unknown SKU. */
    long available(String sku);

    /** Sets a SKU's stock (demo data, tests, back-office restock). */
    void seed(String sku, long quantity);
}
