package io.eventflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable names for what the proxy sees, independent of the ids the emulator or the system draw at random:
 * the order number (from the correlation id the driver gives every order), the event type and its sequence.
 */
public final class DeliveryKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryKeys() {}

    /** The driver's correlation id for order {@code n}; keys use only the number. */
    public static String correlationId(String runTag, int n) {
        return "chaos-" + runTag + "-" + n;
    }

    /** A queue message: an EventBridge event, an SNS notification envelope, or anything else (poison). */
    public static String ofMessage(String queueName, String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode detail = n.path("detail");
            if (detail.isObject() && detail.has("eventType")) {
                return queueName + "|"
                        + order(
                                detail.path("correlationId").asText(""),
                                detail.path("eventId").asText("")) + "|"
                        + detail.path("eventType").asText() + "|"
                        + detail.path("sequence").asText();
            }
            if ("Notification".equals(n.path("Type").asText())
                    && n.path("Message").isTextual()) {
                JsonNode m = JSON.readTree(n.path("Message").asText());
                return queueName + "|"
                        + order(
                                m.path("correlationId").asText(""),
                                m.path("notificationId").asText("")) + "|notify|"
                        + m.path("notificationType").asText();
            }
        } catch (Exception notJson) {
            // poison or foreign: keyed by content below
        }
        return queueName + "|body|" + sha(body);
    }

    /** A DynamoDB stream record's NewImage (DynamoDB JSON) of the event store; null for guard items. */
    public static String ofStreamImage(JsonNode newImage) {
        if (newImage == null || !newImage.has("eventType")) {
            return null;
        }
        return order(
                        newImage.path("correlationId").path("S").asText(""),
                        newImage.path("eventId").path("S").asText("")) + "|"
                + newImage.path("eventType").path("S").asText() + "|"
                + newImage.path("sequence").path("N").asText();
    }

    /** "o<n>" for the driver's correlation ids, else the (random) fallback id. */
    static String order(String correlationId, String fallback) {
        if (correlationId.startsWith("chaos-")) {
            return "o" + correlationId.substring(correlationId.lastIndexOf('-') + 1);
        }
        return "id" + fallback;
    }

    static String sha(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
