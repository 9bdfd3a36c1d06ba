package io.eventflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import io.eventflow.notification.Notification;
import io.eventflow.notifier.InMemoryNotifier.Published;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link Notifier} does, checked on what a subscriber receives (twin and SNS on the emulator). */
public abstract class NotifierContract {
    protected abstract Notifier notifier();

    /** The messages a subscriber received whose notification has this id; waits (bounded) for {@code expected}. */
    protected abstract List<Published> received(String notificationId, int expected);

    private static Notification notification(String type) {
        String eventId = UUID.randomUUID().toString();
        return new Notification(
                UUID.randomUUID().toString(),
                type,
                "ORD-" + eventId.substring(0, 8),
                eventId,
                "corr-" + eventId.substring(0, 8),
                Instant.parse("2026-11-28T10:15:32.123Z"));
    }

    @Test
    void subscriberGetsTheThinNotificationJsonAndFilterAttributes() {
        Notification n = notification("ShipmentScheduled");

        String messageId = notifier().publish(n);

        assertThat(messageId).isNotBlank();
        Published got = received(n.notificationId(), 1).get(0);
        JsonNode message = EventJson.parse(got.message());
        assertThat(message.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly(
                        "notificationId", "notificationType", "orderId", "eventId", "correlationId", "occurredAt");
        assertThat(EventJson.convert(message, Notification.class)).isEqualTo(n);
        assertThat(got.attributes())
                .containsEntry(Notifier.ATTR_TYPE, "ShipmentScheduled")
                .containsEntry(Notifier.ATTR_ORDER_ID, n.orderId());
    }

    @Test
    void eachPublishIsOneMessageWithItsOwnId() {
        Notification n = notification("OrderCancelled");

        String first = notifier().publish(n);
        String second = notifier().publish(n);

        assertThat(first).isNotEqualTo(second);
        assertThat(received(n.notificationId(), 2)).hasSize(2);
    }
}
