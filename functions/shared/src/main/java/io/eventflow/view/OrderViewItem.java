package io.eventflow.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventflow.events.EventJson;
import io.eventflow.events.LineItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One OrderViewTable item as stored: the projector writes it, the projector (rebuilds) and the API read it, through
 * {@link #read} alone. {@code items} and {@code timeline} are JSON text (S); absent optional fields are null.
 */
public record OrderViewItem(
        String orderId,
        String status,
        long version,
        String customerId,
        List<LineItem> items,
        String currency,
        long totalCents,
        String paymentId,
        String trackingId,
        String cancelReason,
        List<Step> timeline,
        Instant updatedAt) {
    private static final TypeReference<List<LineItem>> ITEMS = new TypeReference<>() {};
    private static final TypeReference<List<Step>> TIMELINE = new TypeReference<>() {};

    /** One event of the order's history. */
    public record Step(long sequence, String eventType, Instant timestamp) {}

    public static OrderViewItem read(Map<String, AttributeValue> item) {
        return new OrderViewItem(
                str(item, "orderId"),
                str(item, "status"),
                num(item, "version"),
                str(item, "customerId"),
                json(str(item, "items"), ITEMS),
                str(item, "currency"),
                num(item, "totalCents"),
                str(item, "paymentId"),
                str(item, "trackingId"),
                str(item, "cancelReason"),
                json(str(item, "timeline"), TIMELINE),
                item.containsKey("updatedAt") ? Instant.parse(str(item, "updatedAt")) : null);
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
