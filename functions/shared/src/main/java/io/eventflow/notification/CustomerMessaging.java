package io.eventflow.notification;

import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.store.EventStore;
import io.eventflow.verify.StoredEventVerifier;

import java.util.function.Function;

/**
 * Tells the customer about a notification over one channel (email, SMS), exactly once per notificationId:
 * the contact comes from the order's stream (never from the notification), an order without one is skipped
 * (not an error), and the send runs inside the idempotency record.
 */
public final class CustomerMessaging {
    /** Renders and sends one message; returns the provider's message id. */
    @FunctionalInterface
    public interface Send {
        String send(Notification notification, OrderFacts order, String contact);
    }

    private final String consumer;
    private final String channel;
    private final String contactName;
    private final Function<OrderFacts, String> contactOf;
    private final EventStore store;
    private final IdempotencyStore idempotency;
    private final Send send;
    private final JsonLog log;

    /**
     * @param channel     "email", "sms": names the log lines
     * @param contactName "email address", "phone number": names what is missing when an order has none
     */
    public CustomerMessaging(String consumer, String channel, String contactName, Function<OrderFacts, String> contactOf,
                             EventStore store, IdempotencyStore idempotency, Send send) {
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
            OrderFacts order = OrderFacts.read(store, n.orderId(), stream -> StoredEventVerifier.verifyIn(n, stream));
            String contact = contactOf.apply(order);
            if (contact == null || contact.isBlank()) {
                log.info("order has no " + contactName + "; nothing sent", "notificationId", n.notificationId(),
                        "orderId", n.orderId());
                return skippedResult();
            }
            return send.send(n, order, contact);
        });
        log.info(outcome.firstRun() ? channel + " handled" : channel + " already handled; not repeated",
                "notificationId", n.notificationId(), "orderId", n.orderId(), "result", outcome.result());
    }
}
