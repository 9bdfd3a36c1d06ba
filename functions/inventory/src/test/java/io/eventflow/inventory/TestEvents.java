package io.eventflow.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.lambda.EventBridgeMessages;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The sample events of events/inventory, as Lambda delivers them, and the envelopes inside. */
final class TestEvents {
    static final String DIR = "../../events/inventory/";

    private TestEvents() {
    }

    static SQSEvent load(String file) {
        return EventLoader.loadSQSEvent(DIR + file);
    }

    static EventEnvelope envelope(String file) {
        return EventBridgeMessages.envelope(load(file).getRecords().get(0).getBody());
    }

    /** The stored envelope as the draft that appended it, so a test can build the stream the message came from. */
    static EventEnvelope asDraft(EventEnvelope e) {
        return EventEnvelope.draft(e.eventId(), e.eventType(), e.version(), e.timestamp(), e.source(),
                e.correlationId(), e.causationId(), e.data());
    }

    static SQSEvent batch(SQSEvent... events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        Arrays.stream(events).forEach(e -> records.addAll(e.getRecords()));
        SQSEvent out = new SQSEvent();
        out.setRecords(records);
        return out;
    }

    /** An SQS message as the InventoryQueue delivers it: body = the EventBridge event whose detail is {@code stored}. */
    static SQSEvent message(EventEnvelope stored) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", stored.eventType());
        event.put("source", stored.source());
        event.put("account", "123456789012");
        event.put("time", stored.timestamp().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of());
        event.put("detail", EventCodec.toJson(stored));
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(EventJson.write(event));
        m.setAttributes(new HashMap<>(Map.of("ApproximateReceiveCount", "1")));
        m.setEventSource("aws:sqs");
        m.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:eventflow-inventory-dev");
        SQSEvent out = new SQSEvent();
        out.setRecords(List.of(m));
        return out;
    }

    /** The same message delivered again (SQS gives a redelivery the same messageId and a higher receive count). */
    static SQSEvent redelivered(String file) {
        SQSEvent event = load(file);
        event.getRecords().forEach(m -> m.getAttributes().put("ApproximateReceiveCount", "2"));
        return event;
    }
}
