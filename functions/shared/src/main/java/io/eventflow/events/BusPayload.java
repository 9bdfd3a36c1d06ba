package io.eventflow.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * What of a stored event goes onto the bus: the stored envelope minus the personal data no bus consumer needs.
 * Queues and their 14-day DLQs then never hold it; the senders read contact details from the store. The relay and
 * the replay publish this form, and {@link io.eventflow.verify.StoredEventVerifier} accepts it as the stored event:
 * one definition for both sides.
 */
public final class BusPayload {
    /** Per event type, the data fields that stay in the store (absent in every version is fine: nothing to drop). */
    static final Map<String, Set<String>> STORE_ONLY =
            Map.of("OrderPlaced", Set.of("customerEmail", "customerPhone", "placedBy"));

    private BusPayload() {}

    /** The stored event as published: same envelope and version, without the store-only fields. */
    public static EventEnvelope of(EventEnvelope stored) {
        Set<String> dropped = STORE_ONLY.getOrDefault(stored.eventType(), Set.of());
        if (dropped.stream().noneMatch(stored.data()::has)) {
            return stored;
        }
        ObjectNode data = stored.data().deepCopy();
        data.remove(dropped);
        return stored.withData(stored.version(), data);
    }
}
