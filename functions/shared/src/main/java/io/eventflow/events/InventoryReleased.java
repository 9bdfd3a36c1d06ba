package io.eventflow.events;

import java.util.List;

/** Compensation: a reservation was given back to stock. */
public record InventoryReleased(String orderId, List<LineItem> items, String reason) implements DomainEvent {
    public InventoryReleased {
        items = List.copyOf(items);
    }
}
