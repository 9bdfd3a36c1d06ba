package io.eventflow.projector;

import java.util.Optional;

/**
 * The read model store (OrderViewTable, pk {@code orderId}). Writes are conditional on the stored
 * version, so concurrent or repeated deliveries can never move a view backwards or skip an event.
 * Implemented by {@link DynamoDbOrderViewRepository} and an in-memory twin; one contract suite runs on both.
 */
public interface OrderViewRepository {

    Optional<OrderView> find(String orderId);

    /**
     * Writes {@code view} only when the stored view is at {@code expectedVersion} (0: no view stored yet).
     *
     * @return false when the stored view is at another version (nothing written)
     */
    boolean save(OrderView view, long expectedVersion);

    /**
     * Writes {@code view} (a rebuild) unless the stored view is newer than it; an equal version is
     * overwritten, which is how a rebuild repairs a view.
     *
     * @return false when a newer view is stored (nothing written)
     */
    boolean replace(OrderView view);
}
