package io.eventflow.projector;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventflow.events.EventJson;
import io.eventflow.events.LineItem;
import io.eventflow.order.OrderStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The item layout of OrderViewTable. {@code items} and {@code timeline} are JSON text (S) so that the
 * API can hand them out without knowing DynamoDB's list/map encoding; absent optional fields are omitted.
 */
public final class OrderViewItems {
    public static final String ORDER_ID = "orderId";
    public static final String VERSION = "version";

    private static final TypeReference<List<LineItem>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {
    };

    private OrderViewItems() {
    }

    public static Map<String, AttributeValue> toItem(OrderView v) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ORDER_ID, s(v.orderId()));
        item.put("status", s(v.status().name()));
        item.put(VERSION, n(v.version()));
        putIfPresent(item, "customerId", v.customerId());
        item.put("items", s(EventJson.write(v.items())));
        putIfPresent(item, "currency", v.currency());
        item.put("totalCents", n(v.totalCents()));
        putIfPresent(item, "paymentId", v.paymentId());
        putIfPresent(item, "trackingId", v.trackingId());
        putIfPresent(item, "cancelReason", v.cancelReason());
        item.put("timeline", s(EventJson.write(v.timeline())));
        if (v.updatedAt() != null) {
            item.put("updatedAt", s(v.updatedAt().toString()));
        }
        return item;
    }

    public static OrderView fromItem(Map<String, AttributeValue> item) {
        return new OrderView(str(item, ORDER_ID), OrderStatus.valueOf(str(item, "status")), num(item, VERSION),
                str(item, "customerId"), read(str(item, "items"), ITEMS), str(item, "currency"),
                num(item, "totalCents"), str(item, "paymentId"), str(item, "trackingId"), str(item, "cancelReason"),
                read(str(item, "timeline"), TIMELINE),
                item.containsKey("updatedAt") ? Instant.parse(str(item, "updatedAt")) : null);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt OrderViewTable item: " + e.getOriginalMessage(), e);
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
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

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
