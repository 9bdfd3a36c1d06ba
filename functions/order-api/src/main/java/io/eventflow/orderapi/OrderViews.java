package io.eventflow.orderapi;

import java.util.Optional;

/**
 * The read side of OrderViewTable (written by ProjectorFunction). Implemented by {@link DynamoDbOrderViews}
 * and an in-memory twin; one contract suite runs against both.
 */
public interface OrderViews {
    Optional<OrderDetails> find(String orderId);
}
