package io.eventflow.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The chain applied on every read from the store: an old event is lifted one version at a time until
 * it reaches the type's current version, so consumers only ever see current shapes.
 */
public final class Upcasters {

    /** v1 orders were only ever taken in US dollars (the shop's single currency before v2). */
    static final Upcaster ORDER_PLACED_V1_TO_V2 = new Upcaster() {
        public String eventType() {
            return "OrderPlaced";
        }

        public int fromVersion() {
            return 1;
        }

        public ObjectNode upcast(ObjectNode data) {
            ObjectNode copy = data.deepCopy();
            copy.put("currency", "USD");
            return copy;
        }
    };

    private static final List<Upcaster> CHAIN = List.of(ORDER_PLACED_V1_TO_V2);

    private Upcasters() {}

    public static EventEnvelope toCurrent(EventEnvelope envelope) {
        int target = EventTypes.of(envelope.eventType()).currentVersion();
        if (envelope.version() > target) {
            throw new UnknownEventTypeException(envelope.eventType() + " v" + envelope.version()
                    + " is newer than this build knows (v" + target + ")");
        }
        EventEnvelope current = envelope;
        while (current.version() < target) {
            Upcaster step = find(current.eventType(), current.version());
            current = current.withData(current.version() + 1, step.upcast(current.data()));
        }
        return current;
    }

    private static Upcaster find(String type, int version) {
        for (Upcaster u : CHAIN) {
            if (u.eventType().equals(type) && u.fromVersion() == version) {
                return u;
            }
        }
        throw new UnknownEventTypeException("no upcaster for " + type + " v" + version);
    }
}
