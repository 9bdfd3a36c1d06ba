package io.eventflow.sms;

import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.notification.CustomerMessaging;
import io.eventflow.notification.Notification;
import io.eventflow.notification.OrderFacts;
import io.eventflow.notification.SmsCountries;
import io.eventflow.store.EventStore;

/** Texts the customer about a notification, exactly once per notificationId. */
public final class SmsSenderService {
    public static final String CONSUMER = "sms-sender";

    private final CustomerMessaging messaging;

    /** Any country (tests of other behaviour). */
    public SmsSenderService(EventStore store, IdempotencyStore idempotency, SmsSender sender) {
        this(store, idempotency, sender, SmsCountries.any());
    }

    public SmsSenderService(EventStore store, IdempotencyStore idempotency, SmsSender sender, SmsCountries countries) {
        this.messaging = new CustomerMessaging(CONSUMER, "sms", "phone number", OrderFacts::customerPhone, store,
                idempotency, (n, order, phone) -> {
                    countries.check(phone);
                    return sender.send(SmsTemplates.render(n.notificationType(), order, phone));
                });
    }

    public void handle(Notification n) {
        messaging.handle(n);
    }
}
