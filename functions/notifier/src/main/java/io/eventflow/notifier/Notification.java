package io.eventflow.notifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;

import java.time.Instant;

/**
 * A thin notification (event-notification pattern): ids and the type only. Subscribers that need more
 * (the customer's contact details) read it from the event store, so no customer data travels through SNS.
 *
 * @param notificationType the eventType that caused it
 */
@JsonPropertyOrder({"notificationId", "notificationType", "orderId", "eventId", "correlationId", "occurredAt"})
public record Notification(String notificationId, String notificationType, String orderId, String eventId,
                           String correlationId, Instant occurredAt) {

    public static final String CONSUMER = "notifier";

    /** The notification of an event; its id is derived from the eventId, so a re-delivery yields the same one. */
    public static Notification of(EventEnvelope event) {
        return new Notification(Ids.derived(CONSUMER, event.eventId(), "notification"), event.eventType(),
                EventCodec.decode(event).orderId(), event.eventId(), event.correlationId(), event.timestamp());
    }
}
