package io.eventflow.orderapi;

import io.eventflow.events.RetryableException;
import io.eventflow.view.OrderViewItem;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link OrderViews} on OrderViewTable, reading the item the projector writes through {@link OrderViewItem}.
 * Eventually consistent reads: the view lags the store anyway.
 */
public final class DynamoDbOrderViews implements OrderViews {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbOrderViews(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<OrderDetails> find(String orderId) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS(orderId))))
                    .item();
        } catch (SdkException e) {
            throw new RetryableException("cannot read order view: " + e.getMessage(), e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        OrderViewItem v = OrderViewItem.read(item);
        return Optional.of(new OrderDetails(
                v.orderId(),
                v.status(),
                v.version(),
                v.items(),
                v.currency(),
                v.totalCents(),
                v.paymentId(),
                v.trackingId(),
                v.cancelReason(),
                v.timeline().stream()
                        .map(t -> new OrderDetails.Step(t.sequence(), t.eventType(), t.timestamp()))
                        .toList()));
    }
}
