package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item layout of {@code EventStoreTable}, as plain attribute-name → text (S and N alike), so that both
 * the SDK adapter and stream consumers (whose Lambda event has its own AttributeValue type) share it.
 */
public final class EventItems {
    public static final String STREAM_ID = "streamId";
    public static final String SEQUENCE = "sequence";
    public static final String KIND = "kind";
    public static final String KIND_EVENT = "event";
    public static final String KIND_GUARD = "eventIdGuard";
    /** GSI sort key: fixed-width UTC time + position, so that lexical order is time order. */
    public static final String TYPE_TIME = "typeTime";

    public static final String BY_TYPE_INDEX = "ByTypeAndTime";

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EventItems() {}

    /** Attributes of an event item; numbers are the keys {@link #numeric(String)} names. */
    public static Map<String, String> toAttributes(EventEnvelope e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(STREAM_ID, e.streamId());
        m.put(SEQUENCE, Long.toString(e.sequence()));
        m.put(KIND, KIND_EVENT);
        m.put("eventId", e.eventId());
        m.put("eventType", e.eventType());
        m.put("version", Integer.toString(e.version()));
        m.put("timestamp", e.timestamp().toString());
        m.put(TYPE_TIME, sortableTime(e.timestamp()) + "#" + e.streamId() + "#" + String.format("%019d", e.sequence()));
        m.put("source", e.source());
        m.put("correlationId", e.correlationId());
        if (e.causationId() != null) {
            m.put("causationId", e.causationId());
        }
        m.put("data", EventJson.write(e.data()));
        return m;
    }

    public static boolean numeric(String attribute) {
        return SEQUENCE.equals(attribute) || "version".equals(attribute);
    }

    public static boolean isEvent(Map<String, String> attributes) {
        return KIND_EVENT.equals(attributes.get(KIND));
    }

    /** The envelope as stored (not upcast). */
    public static EventEnvelope fromAttributes(Map<String, String> a) {
        return new EventEnvelope(
                a.get("eventId"),
                a.get("eventType"),
                Integer.parseInt(a.get("version")),
                Instant.parse(a.get("timestamp")),
                a.get("source"),
                a.get(STREAM_ID),
                Long.parseLong(a.get(SEQUENCE)),
                a.get("correlationId"),
                a.get("causationId"),
                null,
                EventJson.parseObject(a.get("data")));
    }

    public static String guardKey(String eventId) {
        return "$eventId#" + eventId;
    }

    public static String sortableTime(Instant t) {
        return FIXED.format(t);
    }
}
