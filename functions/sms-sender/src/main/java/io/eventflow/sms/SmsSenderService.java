package io.eventflow.sms;

import io.eventflow.notification.OrderFacts;
import io.eventflow.notification.Notification;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.store.EventStore;

/** Texts the customer about a notification, exactly once per notificationId. */
public final class SmsSenderService {
    public static final String CONSUMER = "sms-sender";
    static final String SKIPPED_NO_CONTACT = "skipped:no-phone";

    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final EventStore store;
    private final IdempotencyStore idempotency;
    private final SmsSender sender;

    public SmsSenderService(EventStore store, IdempotencyStore idempotency, SmsSender sender) {
        this.store = store;
        this.idempotency = idempotency;
        this.sender = sender;
    }

    public void handle(Notification n) {
        IdempotencyStore.Outcome outcome = idempotency.processOnce(CONSUMER, n.notificationId(), null, () -> {
            OrderFacts order = OrderFacts.read(store, n.orderId());
            if (order.customerPhone() == null || order.customerPhone().isBlank()) {
                LOG.info("order has no phone number; nothing sent", "notificationId", n.notificationId(),
                        "orderId", n.orderId());
                return SKIPPED_NO_CONTACT;
            }
            return sender.send(SmsTemplates.render(n.notificationType(), order, order.customerPhone()));
        });
        LOG.info(outcome.firstRun() ? "sms handled" : "sms already handled; not repeated",
                "notificationId", n.notificationId(), "orderId", n.orderId(), "result", outcome.result());
    }
}
