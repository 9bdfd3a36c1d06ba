package io.eventflow.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import java.util.UUID;
import software.amazon.event.ruler.Ruler;

/** The EventBridge event a rule target receives, built by hand for deliveries that skip the bus. */
public final class EventBridgeEvents {
    private EventBridgeEvents() {}

    /**
     * {@code Source} = envelope source, {@code detail-type} = eventType, {@code time} = event timestamp (as the
     * relay's PutEvents sets it), {@code detail} = the envelope exactly as {@link EventJson#write} prints it.
     */
    public static ObjectNode of(EventEnvelope e, String account, String region) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", e.eventType());
        event.put("source", e.source());
        event.put("account", account);
        event.put("time", e.timestamp() == null ? null : e.timestamp().toString());
        event.put("region", region);
        event.putArray("resources");
        event.set("detail", EventJson.toObject(e));
        return event;
    }

    /** Whether an EventBridge event pattern matches the event, with EventBridge's own matcher (event-ruler). */
    public static boolean matches(ObjectNode event, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        try {
            return Ruler.matchesRule(EventJson.write(event), pattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot evaluate event pattern: " + e.getMessage(), e);
        }
    }
}
