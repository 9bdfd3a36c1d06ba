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
    private StreamRecords() {
    }

    /** The stored envelope (not upcast), or empty when the record is not a newly stored event. */
    public static Optional<EventEnvelope> envelope(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null
                || record.getDynamodb().getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        for (Map.Entry<String, AttributeValue> e : record.getDynamodb().getNewImage().entrySet()) {
            AttributeValue v = e.getValue();
            attributes.put(e.getKey(), v.getS() != null ? v.getS() : v.getN());
        }
        return EventItems.isEvent(attributes) ? Optional.of(EventItems.fromAttributes(attributes)) : Optional.empty();
    }

    public static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
