package io.eventflow.events;

/** An eventType or schema version this build does not know. Permanent. */
public final class UnknownEventTypeException extends PermanentException {
    public UnknownEventTypeException(String message) {
        super(message);
    }
}
