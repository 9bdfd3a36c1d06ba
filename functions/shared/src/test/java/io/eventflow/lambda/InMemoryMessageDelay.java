package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The in-memory twin of {@link SqsMessageDelay}: keeps the last delay per messageId; can be told to fail. */
public final class InMemoryMessageDelay implements MessageDelay {
    private final Map<String, Duration> delays = new LinkedHashMap<>();
    private boolean failing;

    @Override
    public synchronized void delay(SQSEvent.SQSMessage message, Duration visibility) {
        if (message.getReceiptHandle() == null && message.getMessageId() == null) {
            throw new IllegalArgumentException("no receipt handle");
        }
        if (failing) {
            throw new io.eventflow.events.RetryableException("injected ChangeMessageVisibility failure");
        }
        delays.put(message.getMessageId(), visibility);
    }

    public synchronized Map<String, Duration> delays() {
        return Map.copyOf(delays);
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }
}
