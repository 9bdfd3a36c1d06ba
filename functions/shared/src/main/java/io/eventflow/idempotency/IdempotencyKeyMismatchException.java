package io.eventflow.idempotency;

import io.eventflow.events.PermanentException;

/** The key was used before with a different payload: a client bug, never retried. */
public final class IdempotencyKeyMismatchException extends PermanentException {
    public IdempotencyKeyMismatchException(String consumer, String key) {
        super("idempotency key " + key + " of " + consumer + " was already used with a different payload");
    }
}
