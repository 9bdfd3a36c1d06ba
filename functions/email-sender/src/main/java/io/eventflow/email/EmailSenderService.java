package io.eventflow.email;

import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.notification.CustomerMessaging;
import io.eventflow.notification.Notification;
import io.eventflow.notification.OrderFacts;
import io.eventflow.resilience.ProviderBreaker;
import io.eventflow.store.EventStore;

/** Emails the customer about a notification, exactly once per notificationId. */
public final class EmailSenderService {
    public static final String CONSUMER = "email-sender";

    private final CustomerMessaging messaging;
    private final ProviderBreaker breaker;

    public EmailSenderService(EventStore store, IdempotencyStore idempotency, EmailSender sender) {
        this(store, idempotency, sender, breaker(java.time.Clock.systemUTC()));
    }

    /** @param breaker SES is called through it: while it is open, nothing is sent and the message waits */
    public EmailSenderService(
            EventStore store, IdempotencyStore idempotency, EmailSender sender, ProviderBreaker breaker) {
        this.breaker = breaker;
        this.messaging = new CustomerMessaging(
                CONSUMER,
                "email",
                "email address",
                OrderFacts::customerEmail,
                store,
                idempotency,
                (n, order, address) -> {
                    Email email = EmailTemplates.render(n.notificationType(), order, address);
                    return breaker.call(() -> sender.send(email));
                });
    }

    /** The breaker around SES, with the wait from the environment. */
    public static ProviderBreaker breaker(java.time.Clock clock) {
        return ProviderBreaker.fromEnvironment(CONSUMER, "ses", clock);
    }

    /** The breaker the provider is called through: the batch defers messages while it is open. */
    public ProviderBreaker breaker() {
        return breaker;
    }

    public void handle(Notification n) {
        messaging.handle(n);
    }
}
