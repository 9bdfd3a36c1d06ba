package io.eventflow.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import io.eventflow.events.PermanentException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The thin notification the Notifier publishes, read out of an SQS message of an SNS subscription without
 * raw message delivery: the body is the SNS envelope and {@code Message} holds the notification JSON.
 *
 * @param snsMessageId the SNS MessageId, for logs
 */
public record Notification(String snsMessageId, String notificationId, String notificationType, String orderId,
                           String eventId, String correlationId, Instant occurredAt) {

    /** @throws PermanentException when the body is not an SNS notification carrying our notification */
    public static Notification fromSqsBody(String body) {
        JsonNode sns = EventJson.parseObject(body);
        if (!"Notification".equals(sns.path("Type").asText(null))) {
            throw new PermanentException("not an SNS notification envelope (Type is " + sns.path("Type") + ")");
        }
        JsonNode message = sns.get("Message");
        if (message == null || !message.isTextual()) {
            throw new PermanentException("SNS envelope without a Message string");
        }
        JsonNode n = EventJson.parseObject(message.asText());
        Notification parsed = new Notification(sns.path("MessageId").asText(null), required(n, "notificationId"),
                required(n, "notificationType"), required(n, "orderId"), required(n, "eventId"),
                n.path("correlationId").asText(null), instant(n.get("occurredAt")));
        JsonNode attributeType = sns.path("MessageAttributes").path("notificationType").path("Value");
        if (attributeType.isTextual() && !attributeType.asText().equals(parsed.notificationType())) {
            throw new PermanentException("message attribute notificationType " + attributeType.asText()
                    + " does not match the message's " + parsed.notificationType());
        }
        return parsed;
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new PermanentException("notification without " + field);
        }
        return v.asText();
    }

    private static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new PermanentException("notification occurredAt is not an ISO-8601 instant");
        }
    }
}
