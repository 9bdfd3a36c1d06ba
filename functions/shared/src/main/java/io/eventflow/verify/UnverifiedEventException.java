package io.eventflow.verify;

import io.eventflow.events.PermanentException;

/**
 * A message that does not match an event in the store (forged, altered, or pointing at another stream): it
 * changes nothing, is counted, and goes to the DLQ with the reason {@value #REASON}.
 */
public final class UnverifiedEventException extends PermanentException {
    public static final String REASON = "unverified";

    public UnverifiedEventException(String detail) {
        super(REASON + ": " + detail);
    }
}
