package io.eventflow.notification;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.events.PermanentException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A thin notification (event-notification pattern): ids and the type only. Subscribers that need more
 * (the customer's contact details) read it from the event store, so no customer data travels through SNS.
 *
 * Published by the notifier; read back by subscribers from SQS messages of an SNS subscription without raw
 * message delivery (the body is the SNS envelope, {@code Message} holds this record as JSON).
 *
 * @param notificationType the eventType that caused it
 */
@JsonPropertyOrder({"notificationId", "notificationType", "orderId", "eventId", "correlationId", "occurredAt"})
public record Notification(
        String notificationId,
        String notificationType,
        String orderId,
        String eventId,
        String correlationId,
        Instant occurredAt) {

    public static final String CONSUMER = "notifier";

    /** The notification of an event; its id is derived from the eventId, so a re-delivery yields the same one. */
    public static Notification of(EventEnvelope event) {
        return new Notification(
                Ids.derived(CONSUMER, event.eventId(), "notification"),
                event.eventType(),
                EventCodec.decode(event).orderId(),
                event.eventId(),
                event.correlationId(),
                event.timestamp());
    }

    /** @throws PermanentException when the body is not an SNS notification carrying our notification */
    public static Notification fromSnsEnvelope(String body) {
        JsonNode sns = EventJson.parseObject(body);
        if (!"Notification".equals(sns.path("Type").asText(null))) {
            throw new PermanentException("not an SNS notification envelope (Type is " + sns.path("Type") + ")");
        }
        JsonNode message = sns.get("Message");
        if (message == null || !message.isTextual()) {
            throw new PermanentException("SNS envelope without a Message string");
        }
        JsonNode n = EventJson.parseObject(message.asText());
        Notification parsed = new Notification(
                required(n, "notificationId"),
                required(n, "notificationType"),
                required(n, "orderId"),
                required(n, "eventId"),
                n.path("correlationId").asText(null),
                instant(n.get("occurredAt")));
        JsonNode attributeType =
                sns.path("MessageAttributes").path("notificationType").path("Value");
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
