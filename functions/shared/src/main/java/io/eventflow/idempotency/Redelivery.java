package io.eventflow.idempotency;

/**
 * Whether the message handled on this thread was received before (SQS {@code ApproximateReceiveCount} > 1), set by
 * the batch loop around each message. A redelivered message was most often handled already (its delete was lost, or
 * another message of its batch failed the invocation), so the DynamoDB store then reads the record first (one
 * consistent GetItem) and answers a completed repeat without running the work again; a record that is absent or
 * in progress changes nothing: the usual path follows. A hint about cost only: correctness never depends on it.
 */
public final class Redelivery {
    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Redelivery() {}

    /** Runs the handling of one message with the hint set, and clears it after. */
    public static void during(boolean redelivered, Runnable handling) {
        CURRENT.set(redelivered);
        try {
            handling.run();
        } finally {
            CURRENT.remove();
        }
    }

    public static boolean current() {
        return CURRENT.get();
    }
}
