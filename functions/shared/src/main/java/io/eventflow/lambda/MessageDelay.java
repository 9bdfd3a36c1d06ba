package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;

/**
 * Keeps a received SQS message out of sight for a while (ChangeMessageVisibility): {@link SqsMessageDelay} on SQS, an
 * in-memory twin in tests.
 */
public interface MessageDelay {
    /** @throws RuntimeException when the queue refused it: the message then comes back after its visibility timeout */
    void delay(SQSEvent.SQSMessage message, Duration visibility);
}
