package io.eventflow.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.testing.SqsTestEvents;

/** The sample events of events/inventory, as Lambda delivers them from the InventoryQueue. */
final class TestEvents {
    static final String DIR = "../../events/inventory/";

    private TestEvents() {}

    static SQSEvent load(String file) {
        return SqsTestEvents.load(DIR + file);
    }

    static EventEnvelope envelope(String file) {
        return SqsTestEvents.envelope(DIR + file);
    }

    static SQSEvent message(EventEnvelope stored) {
        return SqsTestEvents.message(stored, "eventflow-inventory-dev");
    }

    static SQSEvent redelivered(String file) {
        return SqsTestEvents.redelivered(DIR + file);
    }
}
