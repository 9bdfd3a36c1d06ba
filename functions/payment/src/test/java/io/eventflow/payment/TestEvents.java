package io.eventflow.payment;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.testing.SqsTestEvents;

/** Sample events (events/payment, and events/inventory for the order and the poison message) from the PaymentQueue. */
final class TestEvents {
    static final String EVENTS = "../../events/";

    private TestEvents() {}

    /** @param file relative to events/, e.g. {@code payment/inventory-reserved.json} */
    static SQSEvent load(String file) {
        return SqsTestEvents.load(EVENTS + file);
    }

    static EventEnvelope envelope(String file) {
        return SqsTestEvents.envelope(EVENTS + file);
    }

    static SQSEvent redelivered(String file) {
        return SqsTestEvents.redelivered(EVENTS + file);
    }

    static SQSEvent message(EventEnvelope stored) {
        return SqsTestEvents.message(stored, "eventflow-payment-dev");
    }
}
