package io.eventflow.notification;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.eventflow.store.EventStore;
import io.eventflow.verify.UnverifiedEventException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Tells the customer about a notification over one channel (email, SMS), exactly once per notificationId:
 * the contact comes from the order's stream (never from the notification), an order without one is skipped
 * (not an error), and the send runs inside the idempotency record. A contact the customer gave that can never take
 * the message ({@link UndeliverableException}) is recorded as skipped and counted, not failed.
 */
public final class CustomerMessaging {
    /** Renders and sends one message; returns the provider's message id. */
    @FunctionalInterface
    public interface Send {
        String send(Notification notification, OrderFacts order, String contact);
    }

    /** The recorded result's prefix when the provider or the settings refuse this customer's contact for good. */
    public static final String SKIPPED_UNDELIVERABLE = "skipped:undeliverable:";

    private final String consumer;
    private final String channel;
    private final String contactName;
    private final Function<OrderFacts, String> contactOf;
    private final EventStore store;
    private final IdempotencyStore idempotency;
    private final Send send;
    private final JsonLog log;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param channel     "email", "sms": names the log lines
     * @param contactName "email address", "phone number": names what is missing when an order has none
     */
    public CustomerMessaging(
            String consumer,
            String channel,
            String contactName,
            Function<OrderFacts, String> contactOf,
            EventStore store,
            IdempotencyStore idempotency,
            Send send) {
        this.consumer = consumer;
        this.channel = channel;
        this.contactName = contactName;
        this.contactOf = contactOf;
        this.store = store;
        this.idempotency = idempotency;
        this.send = send;
        this.log = JsonLog.of(consumer);
    }

    /** The recorded result when an order has no contact on this channel. */
    public String skippedResult() {
        return "skipped:no-" + contactName.split(" ")[0];
    }

    public void handle(Notification n) {
        IdempotencyStore.Outcome outcome = idempotency.processOnce(consumer, n.notificationId(), null, () -> {
            // The notification must announce an event of this order's stream: verified against the read stream.
            OrderFacts order = OrderFacts.read(store, n.orderId(), stream -> verifyAnnounced(n, stream));
            String contact = contactOf.apply(order);
            if (contact == null || contact.isBlank()) {
                log.info(
                        "order has no " + contactName + "; nothing sent",
                        "notificationId",
                        n.notificationId(),
                        "orderId",
                        n.orderId());
                return skippedResult();
            }
            try {
                return send.send(n, order, contact);
            } catch (UndeliverableException e) {
                // The customer's data, not the system: recorded and counted, not retried into a DLQ that pages.
                log.info(
                        channel + " undeliverable to this customer; recorded as skipped",
                        "notificationId",
                        n.notificationId(),
                        "orderId",
                        n.orderId(),
                        "reason",
                        e.reason());
                Metrics.skippedNotification(consumer, e.reason(), clock);
                return SKIPPED_UNDELIVERABLE + e.reason();
            }
        });
        log.info(
                outcome.firstRun() ? channel + " handled" : channel + " already handled; not repeated",
                "notificationId",
                n.notificationId(),
                "orderId",
                n.orderId(),
                "result",
                outcome.result());
    }

    /**
     * A notification (email, SMS) names the event it announces: that event must be in the order's stream with
     * the notification's type, and the notificationId must be the one the notifier derives from it. (Here, not in
     * io.eventflow.verify, which would otherwise depend back on this package.)
     */
    static void verifyAnnounced(Notification n, List<EventEnvelope> stream) {
        EventEnvelope announced = stream.stream()
                .filter(e -> e.eventId().equals(n.eventId()))
                .findFirst()
                .orElseThrow(() -> new UnverifiedEventException("notification " + n.notificationId()
                        + " announces event " + n.eventId() + ", which is not in the stream of order " + n.orderId()));
        if (!announced.eventType().equals(n.notificationType())) {
            throw new UnverifiedEventException("notification " + n.notificationId() + " says " + n.notificationType()
                    + " but stored event " + n.eventId() + " is " + announced.eventType());
        }
        if (!Ids.derived(Notification.CONSUMER, n.eventId(), "notification").equals(n.notificationId())) {
            throw new UnverifiedEventException(
                    "notificationId " + n.notificationId() + " is not the notifier's id for event " + n.eventId());
        }
    }
}
