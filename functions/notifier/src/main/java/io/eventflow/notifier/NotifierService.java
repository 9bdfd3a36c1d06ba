package io.eventflow.notifier;

import io.eventflow.notification.Notification;
import io.eventflow.events.EventEnvelope;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.verify.StoredEventVerifier;

import java.util.Set;

/** Turns order events into customer notifications, each published exactly once. */
public final class NotifierService {
    /** The events customers hear about (the NotificationQueue rule matches these). */
    public static final Set<String> NOTIFIED_TYPES = Set.of("OrderConfirmed", "OrderCancelled", "ShipmentScheduled");

    private static final JsonLog LOG = JsonLog.of(Notification.CONSUMER);

    private final Notifier notifier;
    private final IdempotencyStore idempotency;
    private final StoredEventVerifier verifier;

    public NotifierService(Notifier notifier, IdempotencyStore idempotency, StoredEventVerifier verifier) {
        this.notifier = notifier;
        this.idempotency = idempotency;
        this.verifier = verifier;
    }

    public void handle(EventEnvelope event) {
        if (!NOTIFIED_TYPES.contains(event.eventType())) {
            LOG.info("event type is not notified; ignored");
            return;
        }
        if (event.replayed()) {
            // A replay rebuilds downstream state; the customer heard about this already.
            LOG.info("replayed event; no customer notification");
            return;
        }
        Notification notification = Notification.of(event);
        IdempotencyStore.Outcome outcome = idempotency.processOnce(Notification.CONSUMER, event.eventId(), null,
                () -> {
                    verifier.verify(event); // one GetItem: the customer hears only about stored events
                    return notifier.publish(notification);
                });
        LOG.info(outcome.firstRun() ? "notification published" : "notification already published; not repeated",
                "notificationId", notification.notificationId(), "messageId", outcome.result());
    }
}
