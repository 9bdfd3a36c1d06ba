package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Upcasters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-memory twin of {@link DynamoDbEventStore}, for unit tests; kept honest by {@link EventStoreContract}. */
public final class InMemoryEventStore implements EventStore {
    private final Map<String, List<EventEnvelope>> streams = new HashMap<>();
    private final Map<String, String> storedEventIds = new HashMap<>();

    @Override
    public synchronized AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts) {
        List<EventEnvelope> events = Appends.positioned(streamId, expectedVersion, drafts);
        List<String> duplicates = events.stream()
                .map(EventEnvelope::eventId)
                .filter(storedEventIds::containsKey)
                .toList();
        if (!duplicates.isEmpty()) {
            return new AppendResult.Duplicate(duplicates);
        }
        List<EventEnvelope> stream = streams.computeIfAbsent(streamId, k -> new ArrayList<>());
        if (stream.size() != expectedVersion) {
            throw new ConcurrencyConflictException(streamId, expectedVersion, stream.size());
        }
        stream.addAll(events);
        events.forEach(e -> storedEventIds.put(e.eventId(), streamId));
        return new AppendResult.Appended(events);
    }

    @Override
    public synchronized List<EventEnvelope> readStream(String streamId, long fromSequence) {
        return streams.getOrDefault(streamId, List.of()).stream()
                .filter(e -> e.sequence() >= fromSequence)
                .map(Upcasters::toCurrent)
                .toList();
    }

    @Override
    public synchronized long currentVersion(String streamId) {
        return streams.getOrDefault(streamId, List.of()).size();
    }

    @Override
    public synchronized EventPage readByType(
            String eventType, Instant from, Instant to, Optional<String> pageToken, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
        }
        List<EventEnvelope> matching = streams.values().stream()
                .flatMap(List::stream)
                .filter(e -> e.eventType().equals(eventType))
                .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
                .sorted(Comparator.comparing(
                        (EventEnvelope e) -> EventItems.toAttributes(e).get(EventItems.TYPE_TIME)))
                .toList();
        int start = pageToken.map(Integer::parseInt).orElse(0);
        int end = Math.min(matching.size(), start + limit);
        List<EventEnvelope> page =
                matching.subList(start, end).stream().map(Upcasters::toCurrent).toList();
        return new EventPage(page, end < matching.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
    }
}
