package io.eventflow.priming;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.notification.Notification;
import io.eventflow.store.EventItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample a priming run sends through a handler: one order's happy path (OrderPlaced, InventoryReserved,
 * PaymentAuthorized, OrderConfirmed, ShipmentScheduled) with fixed ids and times, and the shapes Lambda delivers its
 * events in (an SQS message of an EventBridge rule, of an SNS subscription, a DynamoDB stream record). Fixed, so a
 * SnapStart snapshot holds no id, random value or clock reading of the environment it was taken in.
 */
public final class PrimingOrder {
    public static final String ORDER_ID = "ORD-PRIMING";
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CORRELATION = "priming";
    private static final List<LineItem> ITEMS = List.of(new LineItem("SKU-PRIMING-1", 2, 1250));

    private static final List<EventEnvelope> STORED = stored();

    private PrimingOrder() {}

    /** The stored event at {@code sequence} (1 = OrderPlaced ... 5 = ShipmentScheduled). */
    public static EventEnvelope event(int sequence) {
        return STORED.get(sequence - 1);
    }

    /** The stream up to and with {@code sequence}: what a consumer of that event finds stored. */
    public static List<EventEnvelope> history(int sequence) {
        return STORED.subList(0, sequence);
    }

    public static List<LineItem> items() {
        return ITEMS;
    }

    /** The order's stored events, each a draft of its domain event at its own position. */
    private static List<EventEnvelope> stored() {
        List<DomainEvent> happened = List.of(
                new OrderPlaced(ORDER_ID, "CUST-PRIMING", "priming@example.com", "+15550100000", ITEMS, "EUR", 2500),
                new InventoryReserved(ORDER_ID, ITEMS),
                new PaymentAuthorized(ORDER_ID, "PAY-PRIMING", 2500, "EUR"),
                new OrderConfirmed(ORDER_ID, "PAY-PRIMING"),
                new ShipmentScheduled(ORDER_ID, "TRK-PRIMING", "DHL"));
        List<EventEnvelope> out = new ArrayList<>();
        for (int i = 0; i < happened.size(); i++) {
            DomainEvent event = happened.get(i);
            out.add(EventCodec.draft(
                            event,
                            "00000000-0000-4000-8000-00000000000" + (i + 1),
                            AT.plusSeconds(i),
                            "eventflow.priming",
                            CORRELATION,
                            i == 0 ? null : out.get(i - 1).eventId())
                    .positioned(DomainEvent.streamOf(ORDER_ID), i + 1));
        }
        return List.copyOf(out);
    }

    /** An SQS message of an EventBridge rule's queue whose event carries {@code stored}. */
    public static SQSEvent ruleMessage(EventEnvelope stored) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "00000000-0000-4000-8000-0000000000e" + stored.sequence());
        event.put("detail-type", stored.eventType());
        event.put("source", stored.source());
        event.put("account", "000000000000");
        event.put("time", stored.timestamp().toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of());
        event.put("detail", EventCodec.toJson(stored));
        return sqs(EventJson.write(event));
    }

    /** An SQS message of an SNS subscription (no raw delivery) carrying the notification of {@code stored}. */
    public static SQSEvent notificationMessage(EventEnvelope stored) {
        Notification n = Notification.of(stored);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", "00000000-0000-4000-8000-0000000000a" + stored.sequence());
        envelope.put("TopicArn", "arn:aws:sns:us-east-1:000000000000:priming");
        envelope.put("Message", EventJson.write(n));
        envelope.put("Timestamp", stored.timestamp().toString());
        envelope.put(
                "MessageAttributes",
                Map.of("notificationType", Map.of("Type", "String", "Value", n.notificationType())));
        return sqs(EventJson.write(envelope));
    }

    private static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("00000000-0000-4000-8000-0000000000f1");
        m.setBody(body);
        m.setAttributes(new HashMap<>(Map.of("ApproximateReceiveCount", "1")));
        m.setEventSource("aws:sqs");
        m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:priming");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    /** The event store's stream record of {@code stored}'s INSERT, as DynamoDB Streams delivers it. */
    public static DynamodbEvent streamInsert(EventEnvelope stored) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        EventItems.toAttributes(stored)
                .forEach((k, v) -> image.put(
                        k, EventItems.numeric(k) ? new AttributeValue().withN(v) : new AttributeValue().withS(v)));
        StreamRecord change = new StreamRecord();
        change.setKeys(Map.of(
                EventItems.STREAM_ID, image.get(EventItems.STREAM_ID),
                EventItems.SEQUENCE, image.get(EventItems.SEQUENCE)));
        change.setNewImage(image);
        change.setSequenceNumber("1000000000000000000000" + stored.sequence());
        change.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_IMAGE);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("priming-" + stored.sequence());
        record.setEventName("INSERT");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("us-east-1");
        record.setDynamodb(change);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
