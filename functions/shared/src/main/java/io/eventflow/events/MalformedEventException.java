package io.eventflow.events;

/** Input that is not the JSON we expect. Permanent: retrying the same bytes cannot succeed. */
public final class MalformedEventException extends PermanentException {
    public MalformedEventException(String message) {
        super(message);
    }
}
