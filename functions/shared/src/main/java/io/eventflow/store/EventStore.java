package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Append-only event store with a per-stream sequence. Implemented by {@link DynamoDbEventStore} and by an
 * in-memory twin for unit tests; one contract suite runs against both.
 */
public interface EventStore {

    /** TransactWriteItems holds 100 items; each event needs two (event + eventId guard) plus one check. */
    int MAX_EVENTS_PER_APPEND = 49;

    /**
     * Appends drafts at {@code expectedVersion + 1 ...}, all or nothing.
     *
     * @param expectedVersion the stream's last sequence as the caller saw it; 0 for a new stream
     * @return {@link AppendResult.Appended} with the stored envelopes, or {@link AppendResult.Duplicate}
     * when an eventId of the batch is already stored (nothing is written then)
     * @throws ConcurrencyConflictException when the stream is not at {@code expectedVersion}
     * @throws io.eventflow.events.InvalidEventException when any event breaks its schema (every violation listed)
     */
    AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts);

    /**
     * {@link #append(String, long, List)}, also writing {@code receipt} (an idempotency record) in the same transaction
     * when this store can: then the receipt is marked written, and a receipt whose key is recorded already cancels
     * the append ({@link io.eventflow.idempotency.ReceiptTakenException}). This default appends alone.
     */
    default AppendResult append(
            String streamId,
            long expectedVersion,
            List<EventEnvelope> drafts,
            io.eventflow.idempotency.Receipt receipt) {
        return append(streamId, expectedVersion, drafts);
    }

    /** Events of a stream in sequence order, from {@code fromSequence} (inclusive), upcast to current versions. */
    List<EventEnvelope> readStream(String streamId, long fromSequence);

    /**
     * The event stored at one position of a stream, upcast, or empty. The DynamoDB adapter answers with one
     * consistent GetItem (what message verification pays per message); this default reads the stream from there.
     */
    default Optional<EventEnvelope> find(String streamId, long sequence) {
        if (sequence < 1) {
            return Optional.empty();
        }
        return readStream(streamId, sequence).stream()
                .filter(e -> e.sequence() == sequence)
                .findFirst();
    }

    /** A position in a stream: what a message claims its event's place is. */
    record Position(String streamId, long sequence) {}

    /**
     * The events stored at these positions (each once), upcast; positions with no event are left out. The DynamoDB adapter reads
     * up to 100 with one consistent BatchGetItem (a consumer verifying a batch of messages); this default finds each.
     */
    default List<EventEnvelope> findAll(java.util.Collection<Position> positions) {
        return positions.stream()
                .distinct()
                .map(p -> find(p.streamId(), p.sequence()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The stream's last sequence; 0 when the stream does not exist. */
    long currentVersion(String streamId);

    /** Events of one type with {@code from <= timestamp < to}, oldest first, one page at a time. */
    EventPage readByType(String eventType, Instant from, Instant to, Optional<String> pageToken, int limit);
}
