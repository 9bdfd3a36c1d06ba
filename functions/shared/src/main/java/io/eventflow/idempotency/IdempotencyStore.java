package io.eventflow.idempotency;

import io.eventflow.log.JsonLog;
import java.util.function.Supplier;

/**
 * Runs a piece of work at most once per (consumer, key), with the semantics of Powertools' idempotency
 * utility: a record is INPROGRESS while the work runs and COMPLETED with its result after; a repeat gets
 * the recorded result without running the work again; a failed run leaves no record, so a retry runs it;
 * an INPROGRESS record older than the in-progress timeout (a crashed run) may be taken over; records
 * expire after their TTL.
 */
public interface IdempotencyStore {

    /**
     * @param payloadHash a hash of the input; the same key with another hash is rejected
     *                    ({@link IdempotencyKeyMismatchException}); null to skip the check
     * @throws IdempotencyInProgressException while another run of the same key is under way (retryable)
     */
    Outcome processOnce(String consumer, String key, String payloadHash, Supplier<String> work);

    /**
     * Once per (consumer, key) for work whose effect ends in an event-store append: on DynamoDB the COMPLETED record
     * travels in the append's TransactWriteItems ({@link Receipt}) instead of an INPROGRESS put before and an update
     * after, so the record and the effect it guards commit together (two requests fewer per handling). There is no
     * INPROGRESS phase: a concurrent repeat runs the work too, so every effect before the append must be idempotent
     * by itself (stock reservations keyed by order, payments keyed by order, derived eventIds) — the append commits
     * once and the other run gets the recorded result. Work that appends nothing has its result recorded alone (one
     * conditional put). A failed run leaves no record. This default (the twins) keeps {@link #processOnce}'s phases.
     */
    default Outcome processWithAppend(String consumer, String key, java.util.function.Function<Receipt, String> work) {
        return processWithAppend(consumer, key, null, work);
    }

    /**
     * The same with a payload hash: the record keeps it, and the key with another hash is rejected
     * ({@link IdempotencyKeyMismatchException}) as by {@link #processOnce}.
     */
    default Outcome processWithAppend(
            String consumer, String key, String payloadHash, java.util.function.Function<Receipt, String> work) {
        return processOnce(consumer, key, payloadHash, () -> work.apply(Receipt.none()));
    }

    /**
     * A consumer's handling of one event (keyed by its eventId), once, with {@link #processWithAppend}; a repeat is
     * logged and does nothing. A replayed event ({@code replayed}) was most likely handled before: it takes {@link
     * #processOnce}'s path, where the conditional INPROGRESS put answers a repeat at once instead of after the work
     * has read the stream again.
     */
    default void handleOnceWithAppend(
            String consumer,
            String eventId,
            boolean replayed,
            java.util.function.Function<Receipt, String> work,
            JsonLog log) {
        Outcome outcome = replayed
                ? processOnce(consumer, eventId, null, () -> work.apply(Receipt.none()))
                : processWithAppend(consumer, eventId, work);
        if (!outcome.firstRun()) {
            log.info("already handled; nothing to do", "outcome", outcome.result());
        }
    }

    /** @param firstRun false when the result was recorded by an earlier run */
    record Outcome(String result, boolean firstRun) {}
}
