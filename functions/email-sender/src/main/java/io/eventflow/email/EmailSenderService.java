package io.eventflow.email;

import io.eventflow.notification.OrderFacts;
import io.eventflow.notification.Notification;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.store.EventStore;

/** Emails the customer about a notification, exactly once per notificationId. */
public final class EmailSenderService {
    public static final String CONSUMER = "email-sender";
    static final String SKIPPED_NO_CONTACT = "skipped:no-email";

    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final EventStore store;
    private final IdempotencyStore idempotency;
    private final EmailSender sender;

    public EmailSenderService(EventStore store, IdempotencyStore idempotency, EmailSender sender) {
        this.store = store;
        this.idempotency = idempotency;
        this.sender = sender;
    }

    public void handle(Notification n) {
        IdempotencyStore.Outcome outcome = idempotency.processOnce(CONSUMER, n.notificationId(), null, () -> {
            OrderFacts order = OrderFacts.read(store, n.orderId());
            if (order.customerEmail() == null || order.customerEmail().isBlank()) {
                LOG.info("order has no email address; nothing sent", "notificationId", n.notificationId(),
                        "orderId", n.orderId());
                return SKIPPED_NO_CONTACT;
            }
            return sender.send(EmailTemplates.render(n.notificationType(), order, order.customerEmail()));
        });
        LOG.info(outcome.firstRun() ? "email handled" : "email already handled; not repeated",
                "notificationId", n.notificationId(), "orderId", n.orderId(), "result", outcome.result());
    }
}
