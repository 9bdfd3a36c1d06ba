package io.eventflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Between typed domain events and envelopes; the only place that knows both shapes. */
public final class EventCodec {
    private EventCodec() {}

    public static EventEnvelope draft(
            DomainEvent event, String eventId, Instant at, String source, String correlationId, String causationId) {
        EventTypes.Type type = EventTypes.of(event);
        ObjectNode data = EventJson.toObject(event);
        return EventEnvelope.draft(
                eventId, type.name(), type.currentVersion(), at, source, correlationId, causationId, data);
    }

    /** The typed event of an envelope, upcast to the current version first. */
    public static DomainEvent decode(EventEnvelope envelope) {
        EventEnvelope current = Upcasters.toCurrent(envelope);
        return EventJson.convert(
                current.data(), EventTypes.of(current.eventType()).javaType());
    }

    /** Parses, validates (every violation) and returns an envelope from raw JSON text. */
    public static EventEnvelope parseEnvelope(String json) {
        return fromJson(EventJson.parseObject(json));
    }

    public static EventEnvelope fromJson(JsonNode node) {
        EventSchemas.requireValid(node);
        return EventJson.convert(node, EventEnvelope.class);
    }

    public static ObjectNode toJson(EventEnvelope envelope) {
        return EventJson.toObject(envelope);
    }
}
