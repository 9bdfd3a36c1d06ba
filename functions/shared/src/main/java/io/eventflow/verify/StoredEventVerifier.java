package io.eventflow.verify;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.notification.Notification;
import io.eventflow.store.EventStore;

import java.util.List;
import java.util.Objects;

/**
 * The one place where consumers check that what they act on was stored: a message is trusted only when the
 * event store holds, at the message's stream and sequence, an event with the same eventId, type and content.
 * Anyone who can {@code sqs:SendMessage} to a consumer queue (or put events on the bus) can write a message;
 * only the store's writers can make it verify.
 *
 * <p>Cost: a consumer that loads the order's stream anyway (inventory, payment, saga, shipping, email, SMS)
 * verifies against that history: no extra request. One that does not (the notifier) pays one consistent
 * GetItem of the event item ({@link EventStore#find}).
 */
public final class StoredEventVerifier {
    private final EventStore store;

    public StoredEventVerifier(EventStore store) {
        this.store = store;
    }

    /** One GetItem: the event item at the message's (streamId, sequence). */
    public void verify(EventEnvelope message) {
        requirePosition(message);
        check(message, store.find(message.streamId(), message.sequence()).orElse(null));
    }

    /** Against a stream the consumer already loaded (every event of it, from sequence 1): no request. */
    public static void verifyIn(EventEnvelope message, List<EventEnvelope> stream) {
        requirePosition(message);
        EventEnvelope stored = stream.stream()
                .filter(e -> e.sequence() == message.sequence() && message.streamId().equals(e.streamId()))
                .findFirst().orElse(null);
        check(message, stored);
    }

    /**
     * A notification (email, SMS) names the event it announces: that event must be in the order's stream with
     * the notification's type, and the notificationId must be the one the notifier derives from it.
     */
    public static void verifyIn(Notification n, List<EventEnvelope> stream) {
        EventEnvelope announced = stream.stream().filter(e -> e.eventId().equals(n.eventId())).findFirst()
                .orElseThrow(() -> new UnverifiedEventException("notification " + n.notificationId()
                        + " announces event " + n.eventId() + ", which is not in the stream of order " + n.orderId()));
        if (!announced.eventType().equals(n.notificationType())) {
            throw new UnverifiedEventException("notification " + n.notificationId() + " says " + n.notificationType()
                    + " but stored event " + n.eventId() + " is " + announced.eventType());
        }
        if (!Ids.derived(Notification.CONSUMER, n.eventId(), "notification").equals(n.notificationId())) {
            throw new UnverifiedEventException("notificationId " + n.notificationId() + " is not the notifier's id for event "
                    + n.eventId());
        }
    }

    private static void requirePosition(EventEnvelope message) {
        if (message.streamId() == null || message.sequence() < 1) {
            throw new UnverifiedEventException("event " + message.eventId() + " (" + message.eventType()
                    + ") names no stream position");
        }
    }

    private static void check(EventEnvelope message, EventEnvelope stored) {
        String claim = message.eventType() + " " + message.eventId() + " at " + message.streamId() + " #" + message.sequence();
        if (stored == null) {
            throw new UnverifiedEventException(claim + ": no such event in the store");
        }
        if (!stored.eventId().equals(message.eventId()) || !stored.eventType().equals(message.eventType())) {
            throw new UnverifiedEventException(claim + ": the store holds " + stored.eventType() + " " + stored.eventId()
                    + " there");
        }
        DomainEvent claimed = EventCodec.decode(message);
        if (!Objects.equals(claimed, EventCodec.decode(stored))) {
            throw new UnverifiedEventException(claim + ": its data differs from the stored event");
        }
    }
}
