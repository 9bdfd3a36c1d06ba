package io.eventflow.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A request read from a manual invoke's payload (replay, recover, redrive): unknown fields refused, every error permanent. */
public final class StrictJson {
    private StrictJson() {}

    /**
     * The payload as {@code type}. Unknown fields are refused (a misspelt {@code dryRun} must not turn a dry run into a
     * real one); the record's own checks throw PermanentException, which Jackson wraps and this unwraps.
     */
    public static <T> T read(Map<String, ?> payload, Class<T> type, String what) {
        try {
            return EventJson.mapper()
                    .readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue((JsonNode) EventJson.mapper().valueToTree(payload));
        } catch (Exception e) {
            if (e.getCause() instanceof PermanentException p) {
                throw p;
            }
            throw new PermanentException(
                    "invalid " + what + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
