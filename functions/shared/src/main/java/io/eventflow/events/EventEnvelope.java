package io.eventflow.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored and published form of every domain event. Field names are a public contract
 * (other tools read them): do not rename.
 *
 * @param sequence position in {@code streamId}, from 1; 0 while the event is a draft not yet appended
 * @param replay   true only on events re-sent by a replay; consumers must not cause customer-visible
 *                 effects twice (they are idempotent on {@code eventId} anyway)
 */
@JsonPropertyOrder({
    "eventId",
    "eventType",
    "version",
    "timestamp",
    "source",
    "streamId",
    "sequence",
    "correlationId",
    "causationId",
    "replay",
    "data"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String eventId,
        String eventType,
        int version,
        Instant timestamp,
        String source,
        String streamId,
        long sequence,
        String correlationId,
        String causationId,
        Boolean replay,
        ObjectNode data) {

    public EventEnvelope {
        Objects.requireNonNull(data, "data");
    }

    /** A draft to append: the store assigns {@code streamId} and {@code sequence}. */
    public static EventEnvelope draft(
            String eventId,
            String eventType,
            int version,
            Instant timestamp,
            String source,
            String correlationId,
            String causationId,
            ObjectNode data) {
        return new EventEnvelope(
                eventId, eventType, version, timestamp, source, null, 0, correlationId, causationId, null, data);
    }

    public EventEnvelope positioned(String streamId, long sequence) {
        return new EventEnvelope(
                eventId,
                eventType,
                version,
                timestamp,
                source,
                streamId,
                sequence,
                correlationId,
                causationId,
                replay,
                data);
    }

    public EventEnvelope withData(int newVersion, ObjectNode newData) {
        return new EventEnvelope(
                eventId,
                eventType,
                newVersion,
                timestamp,
                source,
                streamId,
                sequence,
                correlationId,
                causationId,
                replay,
                newData);
    }

    public EventEnvelope asReplay() {
        return new EventEnvelope(
                eventId,
                eventType,
                version,
                timestamp,
                source,
                streamId,
                sequence,
                correlationId,
                causationId,
                Boolean.TRUE,
                data);
    }

    public boolean replayed() {
        return Boolean.TRUE.equals(replay);
    }
}
