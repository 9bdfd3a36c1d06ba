package io.eventflow.projector;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The in-memory twin of {@link DynamoDbOrderViewRepository}; kept honest by {@link OrderViewRepositoryContract}. */
public final class InMemoryOrderViewRepository implements OrderViewRepository {
    private final Map<String, OrderView> views = new HashMap<>();

    @Override
    public synchronized Optional<OrderView> find(String orderId) {
        return Optional.ofNullable(views.get(orderId));
    }

    @Override
    public synchronized boolean save(OrderView view, long expectedVersion) {
        OrderView stored = views.get(view.orderId());
        boolean matches = expectedVersion == 0 ? stored == null : stored != null && stored.version() == expectedVersion;
        if (matches) {
            views.put(view.orderId(), view);
        }
        return matches;
    }

    @Override
    public synchronized boolean replace(OrderView view) {
        OrderView stored = views.get(view.orderId());
        if (stored != null && stored.version() > view.version()) {
            return false;
        }
        views.put(view.orderId(), view);
        return true;
    }
}
