package io.eventflow.email;

import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.notification.CustomerMessaging;
import io.eventflow.notification.Notification;
import io.eventflow.notification.OrderFacts;
import io.eventflow.store.EventStore;

/** Emails the customer about a notification, exactly once per notificationId. */
public final class EmailSenderService {
    public static final String CONSUMER = "email-sender";

    private final CustomerMessaging messaging;

    public EmailSenderService(EventStore store, IdempotencyStore idempotency, EmailSender sender) {
        this.messaging = new CustomerMessaging(CONSUMER, "email", "email address", OrderFacts::customerEmail, store,
                idempotency, (n, order, address) -> sender.send(EmailTemplates.render(n.notificationType(), order, address)));
    }

    public void handle(Notification n) {
        messaging.handle(n);
    }
}
