package io.eventflow.events;

import java.util.List;

public record InventoryReserved(String orderId, List<LineItem> items) implements DomainEvent {
    public InventoryReserved {
        items = List.copyOf(items);
    }
}
