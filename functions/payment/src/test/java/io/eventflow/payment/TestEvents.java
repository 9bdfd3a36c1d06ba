package io.eventflow.payment;

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

/** Sample events (events/payment, and events/inventory for the order and the poison message) as Lambda delivers them. */
final class TestEvents {
    static final String EVENTS = "../../events/";

    private TestEvents() {
    }

    /** @param file relative to events/, e.g. {@code payment/inventory-reserved.json} */
    static SQSEvent load(String file) {
        return EventLoader.loadSQSEvent(EVENTS + file);
    }

    static EventEnvelope envelope(String file) {
        return EventBridgeMessages.envelope(load(file).getRecords().get(0).getBody());
    }

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

    static SQSEvent redelivered(String file) {
        SQSEvent event = load(file);
        event.getRecords().forEach(m -> m.getAttributes().put("ApproximateReceiveCount", "2"));
        return event;
    }

    /** An SQS message as the PaymentQueue delivers it: body = the EventBridge event whose detail is {@code stored}. */
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
        m.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:eventflow-payment-dev");
        SQSEvent out = new SQSEvent();
        out.setRecords(List.of(m));
        return out;
    }
}
