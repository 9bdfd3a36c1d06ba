package io.eventflow.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of events a consumer emits are derived from what caused them, so handling the same input twice
 * appends the same eventId and the store reports a duplicate instead of a second effect.
 */
public final class Ids {
    private Ids() {}

    public static String derived(String consumer, String causationEventId, String what) {
        return UUID.nameUUIDFromBytes((consumer + "|" + causationEventId + "|" + what).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
