package io.eventflow.orderapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventflow.events.EventJson;
import io.eventflow.events.LineItem;
import io.eventflow.events.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OrderViews} on OrderViewTable, reading the item layout the projector writes
 * ({@code items} and {@code timeline} are JSON text). Eventually consistent reads: the view lags the
 * store anyway.
 */
public final class DynamoDbOrderViews implements OrderViews {
    private static final TypeReference<List<LineItem>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<OrderDetails.Step>> TIMELINE = new TypeReference<>() {
    };

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
            item = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        } catch (SdkException e) {
            throw new RetryableException("cannot read order view: " + e.getMessage(), e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OrderDetails(str(item, "orderId"), str(item, "status"), num(item, "version"),
                json(str(item, "items"), ITEMS), str(item, "currency"), num(item, "totalCents"),
                str(item, "paymentId"), str(item, "trackingId"), str(item, "cancelReason"),
                json(str(item, "timeline"), TIMELINE)));
    }

    private static <T> List<T> json(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt OrderViewTable item: " + e.getOriginalMessage(), e);
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }
}
