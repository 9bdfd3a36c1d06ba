package io.eventflow.inventory;

import io.eventflow.events.LineItem;
import io.eventflow.events.PermanentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The in-memory twin of {@link DynamoDbInventoryRepository}; kept honest by {@link InventoryRepositoryContract}. */
public final class InMemoryInventoryRepository implements InventoryRepository {
    private record Reservation(Map<String, Long> items, boolean released) {}

    private final Map<String, Long> stock = new HashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();

    @Override
    public synchronized ReservationResult reserve(String orderId, List<LineItem> items) {
        Map<String, Long> wanted = Quantities.bySku(items);
        Reservation existing = reservations.get(orderId);
        if (existing != null) {
            if (existing.released()) {
                throw new PermanentException("the reservation of order " + orderId + " was released already");
            }
            return new ReservationResult.Reserved(true);
        }
        for (var e : wanted.entrySet()) {
            long available = stock.getOrDefault(e.getKey(), 0L);
            if (available < e.getValue()) {
                return new ReservationResult.Rejected(e.getKey(), available, e.getValue());
            }
        }
        wanted.forEach((sku, q) -> stock.merge(sku, -q, Long::sum));
        reservations.put(orderId, new Reservation(wanted, false));
        return new ReservationResult.Reserved(false);
    }

    @Override
    public synchronized ReleaseResult release(String orderId, List<LineItem> items) {
        Reservation existing = reservations.get(orderId);
        if (existing == null || existing.released()) {
            return new ReleaseResult.NotHeld();
        }
        Map<String, Long> restock = Quantities.toRestock(Quantities.bySku(items), existing.items());
        restock.forEach((sku, q) -> stock.merge(sku, q, Long::sum));
        reservations.put(orderId, new Reservation(existing.items(), true));
        return new ReleaseResult.Released(restock);
    }

    @Override
    public synchronized long available(String sku) {
        return stock.getOrDefault(sku, 0L);
    }

    @Override
    public synchronized void seed(String sku, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("stock of " + sku + " cannot be negative: " + quantity);
        }
        stock.put(sku, quantity);
    }
}
