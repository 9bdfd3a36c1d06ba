package io.eventflow.idempotency;

/**
 * An idempotency record as a store holds it, in the port's own terms (what a store answers when a key is taken).
 *
 * @param completed   the work ran to its end (else it is in progress)
 * @param result      the result recorded when it completed ("" when none), null while in progress
 * @param payloadHash the hash of the input the record is for, or null
 */
public record IdempotencyRecord(boolean completed, String result, String payloadHash) {

    /**
     * What a repeat of (consumer, key) with this input gets from this record: the recorded outcome when the work
     * completed for the same input.
     *
     * @throws IdempotencyKeyMismatchException when the key was recorded for another input
     * @throws IdempotencyInProgressException  while the work is in progress (retryable)
     */
    public IdempotencyStore.Outcome repeat(String consumer, String key, String inputHash) {
        if (inputHash != null && payloadHash != null && !inputHash.equals(payloadHash)) {
            throw new IdempotencyKeyMismatchException(consumer, key);
        }
        if (completed) {
            return new IdempotencyStore.Outcome(result == null ? "" : result, false);
        }
        throw new IdempotencyInProgressException(consumer, key);
    }
}
