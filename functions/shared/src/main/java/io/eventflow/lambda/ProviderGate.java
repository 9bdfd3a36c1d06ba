package io.eventflow.lambda;

import java.time.Duration;

/**
 * What {@link SqsBatch} asks of a provider's circuit breaker ({@link io.eventflow.resilience.ProviderBreaker}): whether
 * a message may call the provider now, and how long a message that may not is kept out of sight.
 */
public interface ProviderGate {
    /** False while the breaker is open (the provider kept failing and its wait has not passed). */
    boolean permitsCall();

    /** How long a message on its {@code receiveCount}-th receive waits before it is delivered again. */
    Duration deferral(int receiveCount);
}
