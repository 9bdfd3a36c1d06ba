package io.eventflow.testing;

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

/**
 * SQS events as Lambda delivers them to a consumer of an EventBridge rule: loaded from the sample files of
 * events/ (the ones {@code sam local invoke -e} takes) or built around a stored envelope.
 */
public final class SqsTestEvents {
    private SqsTestEvents() {}

    public static SQSEvent load(String path) {
        return EventLoader.loadSQSEvent(path);
    }

    /** The envelope inside the first record of a sample file. */
    public static EventEnvelope envelope(String path) {
        return EventBridgeMessages.envelope(load(path).getRecords().get(0).getBody());
    }

    /** The stored envelope as the draft that appended it, so a test can build the stream the message came from. */
    public static EventEnvelope asDraft(EventEnvelope e) {
        return EventEnvelope.draft(
                e.eventId(),
                e.eventType(),
                e.version(),
                e.timestamp(),
                e.source(),
                e.correlationId(),
                e.causationId(),
                e.data());
    }

    public static SQSEvent batch(SQSEvent... events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        Arrays.stream(events).forEach(e -> records.addAll(e.getRecords()));
        SQSEvent out = new SQSEvent();
        out.setRecords(records);
        return out;
    }

    /** A message of {@code queueName}: body = the EventBridge event whose detail is {@code stored}. */
    public static SQSEvent message(EventEnvelope stored, String queueName) {
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
        m.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:" + queueName);
        SQSEvent out = new SQSEvent();
        out.setRecords(List.of(m));
        return out;
    }

    /** A sample delivered again (SQS gives a redelivery the same messageId and a higher receive count). */
    public static SQSEvent redelivered(String path) {
        SQSEvent event = load(path);
        event.getRecords().forEach(m -> m.getAttributes().put("ApproximateReceiveCount", "2"));
        return event;
    }
}
