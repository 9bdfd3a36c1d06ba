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
        return readStream(streamId, sequence).stream().filter(e -> e.sequence() == sequence).findFirst();
    }

    /** The stream's last sequence; 0 when the stream does not exist. */
    long currentVersion(String streamId);

    /** Events of one type with {@code from <= timestamp < to}, oldest first, one page at a time. */
    EventPage readByType(String eventType, Instant from, Instant to, Optional<String> pageToken, int limit);
}
