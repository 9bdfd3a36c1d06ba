package io.eventflow.sms;

import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.notification.CustomerMessaging;
import io.eventflow.notification.Notification;
import io.eventflow.notification.OrderFacts;
import io.eventflow.notification.SmsCountries;
import io.eventflow.resilience.ProviderBreaker;
import io.eventflow.store.EventStore;

/** Texts the customer about a notification, exactly once per notificationId. */
public final class SmsSenderService {
    public static final String CONSUMER = "sms-sender";

    private final CustomerMessaging messaging;
    private final ProviderBreaker breaker;

    /** Any country (tests of other behaviour). */
    public SmsSenderService(EventStore store, IdempotencyStore idempotency, SmsSender sender) {
        this(store, idempotency, sender, SmsCountries.any());
    }

    public SmsSenderService(EventStore store, IdempotencyStore idempotency, SmsSender sender, SmsCountries countries) {
        this(store, idempotency, sender, countries, breaker(java.time.Clock.systemUTC()));
    }

    /** @param breaker SNS SMS is called through it: while it is open, nothing is sent and the message waits */
    public SmsSenderService(
            EventStore store,
            IdempotencyStore idempotency,
            SmsSender sender,
            SmsCountries countries,
            ProviderBreaker breaker) {
        this.breaker = breaker;
        this.messaging = new CustomerMessaging(
                CONSUMER, "sms", "phone number", OrderFacts::customerPhone, store, idempotency, (n, order, phone) -> {
                    countries.check(phone); // the customer's number, not the provider: outside the breaker
                    Sms sms = SmsTemplates.render(n.notificationType(), order, phone);
                    return breaker.call(() -> sender.send(sms));
                });
    }

    /** The breaker around SNS SMS, with the wait from the environment. */
    public static ProviderBreaker breaker(java.time.Clock clock) {
        return ProviderBreaker.fromEnvironment(CONSUMER, "sns-sms", clock);
    }

    /** The breaker the provider is called through: the batch defers messages while it is open. */
    public ProviderBreaker breaker() {
        return breaker;
    }

    public void handle(Notification n) {
        messaging.handle(n);
    }
}
