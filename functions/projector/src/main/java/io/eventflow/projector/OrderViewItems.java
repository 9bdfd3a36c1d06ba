package io.eventflow.projector;

import io.eventflow.events.EventJson;
import io.eventflow.order.OrderStatus;
import io.eventflow.view.OrderViewItem;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item layout of OrderViewTable, written here; read through eventflow-shared's {@link OrderViewItem} (as the
 * API reads it). {@code items} and {@code timeline} are JSON text (S) so that the API can hand them out without
 * knowing DynamoDB's list/map encoding; absent optional fields are omitted.
 */
public final class OrderViewItems {
    public static final String ORDER_ID = "orderId";
    public static final String VERSION = "version";

    private OrderViewItems() {}

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
        OrderViewItem v = OrderViewItem.read(item);
        return new OrderView(
                v.orderId(),
                OrderStatus.valueOf(v.status()),
                v.version(),
                v.customerId(),
                v.items(),
                v.currency(),
                v.totalCents(),
                v.paymentId(),
                v.trackingId(),
                v.cancelReason(),
                v.timeline().stream()
                        .map(t -> new TimelineEntry(t.sequence(), t.eventType(), t.timestamp()))
                        .toList(),
                v.updatedAt());
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
