package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.EventItems;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Events out of DynamoDB stream records of EventStoreTable; guard items and non-INSERTs are skipped. */
public final class StreamRecords {
    /**
     * A stream record that changed (MODIFY) or deleted (REMOVE) a stored item. The store only ever appends with
     * conditional puts, and a write that changes nothing leaves no record, so every such record is a rewrite.
     * Keys only: the image may hold customer data.
     */
    public record Rewrite(String eventName, String streamId, String sequence, String sequenceNumber) {}

    private StreamRecords() {}

    /** The record's keys when it rewrote a stored item (MODIFY or REMOVE), else empty. */
    public static Optional<Rewrite> rewrite(DynamodbEvent.DynamodbStreamRecord record) {
        String name = record.getEventName();
        if (!"MODIFY".equals(name) && !"REMOVE".equals(name)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> keys =
                record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
        AttributeValue stream = keys == null ? null : keys.get("streamId");
        AttributeValue sequence = keys == null ? null : keys.get("sequence");
        return Optional.of(new Rewrite(
                name,
                stream == null ? null : stream.getS(),
                sequence == null ? null : sequence.getN(),
                record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber()));
    }

    /** The stored envelope (not upcast), or empty when the record is not a newly stored event. */
    public static Optional<EventEnvelope> envelope(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName())
                || record.getDynamodb() == null
                || record.getDynamodb().getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        for (Map.Entry<String, AttributeValue> e :
                record.getDynamodb().getNewImage().entrySet()) {
            AttributeValue v = e.getValue();
            attributes.put(e.getKey(), v.getS() != null ? v.getS() : v.getN());
        }
        return EventItems.isEvent(attributes) ? Optional.of(EventItems.fromAttributes(attributes)) : Optional.empty();
    }

    public static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
