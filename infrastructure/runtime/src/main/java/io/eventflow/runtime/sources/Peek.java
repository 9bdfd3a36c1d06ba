package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.time.Instant;

/**
 * Best-effort look into a message for hop reports and the invocation record: event type and id, the order it
 * belongs to, correlation id, event time, whether it is a replay. Never throws.
 */
public record Peek(
        String eventType, String correlationId, Instant timestamp, String eventId, String orderId, boolean replay) {
    private static final Peek UNKNOWN = new Peek("?", null, null);

    public Peek(String eventType, String correlationId, Instant timestamp) {
        this(eventType, correlationId, timestamp, null, null, false);
    }

    public static Peek ofBody(String body) {
        try {
            JsonNode n = Json.parse(body);
            if (n.has("detail-type") && n.path("detail").isObject()) {
                return ofEnvelope(n.get("detail"), n.get("detail-type").asText());
            }
            if ("Notification".equals(n.path("Type").asText()) && n.has("Message")) {
                Peek inner = ofBody(n.get("Message").asText());
                return inner == UNKNOWN ? new Peek("sns", null, null) : inner;
            }
            if (n.has("notificationType")) {
                return new Peek(
                        "notify " + n.get("notificationType").asText(),
                        text(n, "correlationId"),
                        null,
                        text(n, "eventId"),
                        text(n, "orderId"),
                        n.path("replay").asBoolean(false));
            }
            if (n.has("eventType")) {
                return ofEnvelope(n, n.get("eventType").asText());
            }
        } catch (RuntimeException notJson) {
            // poison or plain text
        }
        return UNKNOWN;
    }

    public static Peek ofEnvelope(JsonNode envelope, String type) {
        Instant ts = null;
        try {
            ts = envelope.hasNonNull("timestamp")
                    ? Instant.parse(envelope.get("timestamp").asText())
                    : null;
        } catch (RuntimeException ignored) {
            // not an ISO timestamp
        }
        String orderId = text(envelope.path("data"), "orderId");
        String stream = text(envelope, "streamId");
        if (orderId == null && stream != null && stream.startsWith("Order-")) {
            orderId = stream.substring("Order-".length());
        }
        return new Peek(
                type,
                text(envelope, "correlationId"),
                ts,
                text(envelope, "eventId"),
                orderId,
                envelope.path("replay").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) && n.get(field).isValueNode() ? n.get(field).asText() : null;
    }
}
