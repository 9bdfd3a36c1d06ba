package io.eventflow.notifier;

import io.eventflow.events.EventEnvelope;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.log.JsonLog;
import io.eventflow.notification.Notification;
import io.eventflow.verify.StoredEventVerifier;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Reads the stored events that the batch's notified messages claim in one request, so that verifying each costs
     * none of its own. A message whose body does not parse is left to {@link #handle}'s failure path.
     */
    public void readAhead(List<String> bodies) {
        List<EventEnvelope> claimed = new ArrayList<>();
        for (String body : bodies) {
            try {
                EventEnvelope e = EventBridgeMessages.envelope(body);
                if (NOTIFIED_TYPES.contains(e.eventType()) && !e.replayed()) {
                    claimed.add(e);
                }
            } catch (RuntimeException unreadable) {
                // handled (and reported) with its message
            }
        }
        if (claimed.size() > 1) {
            try {
                verifier.readAhead(claimed);
            } catch (RuntimeException e) {
                LOG.info(
                        "read-ahead of the batch's events failed; each message reads its own", "error", e.getMessage());
            }
        }
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
        IdempotencyStore.Outcome outcome = idempotency.processOnce(Notification.CONSUMER, event.eventId(), null, () -> {
            verifier.verify(
                    event); // read ahead with the batch, or one GetItem: the customer hears only about stored events
            return notifier.publish(notification);
        });
        LOG.info(
                outcome.firstRun() ? "notification published" : "notification already published; not repeated",
                "notificationId",
                notification.notificationId(),
                "messageId",
                outcome.result());
    }
}
