package io.eventflow.events;

/** A failure that may pass on a later attempt (a lost race, a busy dependency). */
public class RetryableException extends RuntimeException {
    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
