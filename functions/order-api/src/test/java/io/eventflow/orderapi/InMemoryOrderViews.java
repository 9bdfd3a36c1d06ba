package io.eventflow.orderapi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The in-memory twin of {@link DynamoDbOrderViews}; kept honest by {@link OrderViewsContract}. */
public final class InMemoryOrderViews implements OrderViews {
    private final Map<String, OrderDetails> views = new HashMap<>();

    public synchronized void put(OrderDetails details) {
        views.put(details.orderId(), details);
    }

    @Override
    public synchronized Optional<OrderDetails> find(String orderId) {
        return Optional.ofNullable(views.get(orderId));
    }
}
