package io.eventflow.idempotency;

import io.eventflow.events.RetryableException;

/** Another run holds the key right now; try again after it finishes or its in-progress timeout passes. */
public final class IdempotencyInProgressException extends RetryableException {
    public IdempotencyInProgressException(String consumer, String key) {
        super("work for " + consumer + "/" + key + " is in progress elsewhere");
    }
}
