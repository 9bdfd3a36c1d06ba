package io.eventflow.events;

import java.util.Set;

/**
 * Which PutEvents entry errors the same entry would hit again: the relay and the replay both retry the others and give
 * these up at once, so both ask here.
 */
public final class PutEventsErrors {
    /** PutEvents entry error codes that the same entry will hit again (EventBridge API reference, PutEvents). */
    private static final Set<String> PERMANENT = Set.of(
            "AccessDeniedException",
            "InvalidAccountIdException",
            "InvalidArgument",
            "MalformedDetail",
            "RedactionFailure",
            "NotAuthorizedForSourceException",
            "NotAuthorizedForDetailTypeException");

    private PutEventsErrors() {}

    /** True when an entry that failed with {@code errorCode} fails again however often it is sent. */
    public static boolean permanent(String errorCode) {
        return errorCode != null && PERMANENT.contains(errorCode);
    }
}
