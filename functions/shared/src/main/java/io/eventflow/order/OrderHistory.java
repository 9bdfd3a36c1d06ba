package io.eventflow.order;

import io.eventflow.events.DomainEvent;
import java.util.List;

/** One order's stream, read and folded: the typed history and the state it leads to. */
public record OrderHistory(List<DomainEvent> history, Order order) {
    public OrderHistory {
        history = List.copyOf(history);
    }
}
