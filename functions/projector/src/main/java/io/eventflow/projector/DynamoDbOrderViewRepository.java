package io.eventflow.projector;

import io.eventflow.events.RetryableException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** {@link OrderViewRepository} on OrderViewTable: one conditional PutItem per write. */
public final class DynamoDbOrderViewRepository implements OrderViewRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbOrderViewRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<OrderView> find(String orderId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                            .consistentRead(true)
                            .key(Map.of(OrderViewItems.ORDER_ID, OrderViewItems.s(orderId))))
                    .item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderViewItems.fromItem(item));
        } catch (SdkException e) {
            throw new RetryableException("cannot read view of " + orderId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean save(OrderView view, long expectedVersion) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(OrderViewItems.toItem(view));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(orderId)");
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", OrderViewItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected", OrderViewItems.n(expectedVersion)));
        }
        return conditionalPut(put.build(), view.orderId());
    }

    @Override
    public boolean replace(OrderView view) {
        return conditionalPut(
                PutItemRequest.builder()
                        .tableName(table)
                        .item(OrderViewItems.toItem(view))
                        .conditionExpression("attribute_not_exists(orderId) OR #v <= :v")
                        .expressionAttributeNames(Map.of("#v", OrderViewItems.VERSION))
                        .expressionAttributeValues(Map.of(":v", OrderViewItems.n(view.version())))
                        .build(),
                view.orderId());
    }

    private boolean conditionalPut(PutItemRequest request, String orderId) {
        try {
            dynamo.putItem(request);
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        } catch (SdkException e) {
            throw new RetryableException("cannot write view of " + orderId + ": " + e.getMessage(), e);
        }
    }
}
