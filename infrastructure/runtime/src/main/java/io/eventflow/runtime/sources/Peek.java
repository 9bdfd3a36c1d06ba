package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;

import java.time.Instant;

/** Best-effort look into a message for hop reports: event type, correlation id, event time. Never throws. */
public record Peek(String eventType, String correlationId, Instant timestamp) {
    private static final Peek UNKNOWN = new Peek("?", null, null);

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
                return new Peek("notify " + n.get("notificationType").asText(),
                        n.hasNonNull("correlationId") ? n.get("correlationId").asText() : null, null);
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
            ts = envelope.hasNonNull("timestamp") ? Instant.parse(envelope.get("timestamp").asText()) : null;
        } catch (RuntimeException ignored) {
            // not an ISO timestamp
        }
        return new Peek(type, envelope.hasNonNull("correlationId") ? envelope.get("correlationId").asText() : null, ts);
    }
}
