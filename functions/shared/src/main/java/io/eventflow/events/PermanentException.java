package io.eventflow.events;

/**
 * A failure that the same input will hit again: do not retry, dead-letter it with this message.
 * Everything else (throttling, timeouts, conflicts) is retryable; see {@link Failures#isRetryable}.
 */
public class PermanentException extends RuntimeException {
    public PermanentException(String message) {
        super(message);
    }

    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
