package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Upcasters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test store of single events at given positions (a sample message's stream and sequence) without the events
 * before them: what a consumer that verifies with {@link EventStore#find} needs. Read-only for consumers.
 */
public final class PositionedEventStore implements EventStore {
    private final Map<String, EventEnvelope> events = new ConcurrentHashMap<>();

    /** Stores {@code event} at its own streamId and sequence. */
    public PositionedEventStore put(EventEnvelope event) {
        events.put(event.streamId() + "#" + event.sequence(), event);
        return this;
    }

    @Override
    public Optional<EventEnvelope> find(String streamId, long sequence) {
        return Optional.ofNullable(events.get(streamId + "#" + sequence)).map(Upcasters::toCurrent);
    }

    @Override
    public AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts) {
        throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public List<EventEnvelope> readStream(String streamId, long fromSequence) {
        return events.values().stream()
                .filter(e -> e.streamId().equals(streamId) && e.sequence() >= fromSequence)
                .sorted(java.util.Comparator.comparingLong(EventEnvelope::sequence))
                .map(Upcasters::toCurrent)
                .toList();
    }

    @Override
    public long currentVersion(String streamId) {
        return readStream(streamId, 1).stream()
                .mapToLong(EventEnvelope::sequence)
                .max()
                .orElse(0);
    }

    @Override
    public EventPage readByType(String eventType, Instant from, Instant to, Optional<String> pageToken, int limit) {
        throw new UnsupportedOperationException("not needed by consumers");
    }
}
