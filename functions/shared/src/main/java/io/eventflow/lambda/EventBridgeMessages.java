package io.eventflow.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.MalformedEventException;
import io.eventflow.events.Upcasters;

/**
 * Reads the envelope out of an SQS message whose body is an EventBridge event (a rule target delivers
 * the whole event; {@code detail} is our envelope). Validates it and upcasts it to the current version.
 */
public final class EventBridgeMessages {
    private EventBridgeMessages() {}

    public static EventEnvelope envelope(String sqsBody) {
        JsonNode event = EventJson.parseObject(sqsBody);
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new MalformedEventException("message is not an EventBridge event with an object 'detail'");
        }
        EventEnvelope envelope = EventCodec.fromJson(detail);
        String detailType = event.path("detail-type").asText(null);
        if (detailType != null && !detailType.equals(envelope.eventType())) {
            throw new MalformedEventException(
                    "detail-type " + detailType + " does not match detail.eventType " + envelope.eventType());
        }
        return Upcasters.toCurrent(envelope);
    }
}
