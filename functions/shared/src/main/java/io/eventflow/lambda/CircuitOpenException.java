package io.eventflow.lambda;

import io.eventflow.events.RetryableException;

/**
 * A provider call not made because its circuit breaker is open: the provider kept failing, so the message waits
 * (see {@link io.eventflow.lambda.SqsBatch}) instead of calling it again. Retryable: nothing is wrong with the message.
 */
public final class CircuitOpenException extends RetryableException {
    public CircuitOpenException(String provider) {
        super("circuit open: " + provider + " kept failing; not called until the breaker half-opens");
    }
}
