package io.eventflow.verify;

import io.eventflow.events.BusPayload;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.EventStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where consumers check that what they act on was stored: a message is trusted only when the
 * event store holds, at the message's stream and sequence, an event with the same eventId, type and content
 * (the content as published: {@link BusPayload}, the stored event without its store-only personal data).
 * Anyone who can {@code sqs:SendMessage} to a consumer queue (or put events on the bus) can write a message;
 * only the store's writers can make it verify.
 *
 * <p>Cost: a consumer that loads the order's stream anyway (inventory, payment, saga, shipping, email, SMS)
 * verifies against that history: no extra request. One that does not (the notifier) pays one consistent
 * GetItem of the event item ({@link EventStore#find}).
 */
public final class StoredEventVerifier {
    /** Stored events read ahead, by position: bounded, per container. */
    private static final int READ_AHEAD = 1_000;

    private final EventStore store;
    /**
     * Events read ahead for the messages of a batch ({@link #readAhead}). Stored events never change (the store is
     * append-only: no function may update or delete its items), so one read ahead stays the truth; a position not
     * found is never kept, and is read again when its message is verified.
     */
    private final Map<EventStore.Position, EventEnvelope> readAhead =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<EventStore.Position, EventEnvelope> eldest) {
                    return size() > READ_AHEAD;
                }
            });

    public StoredEventVerifier(EventStore store) {
        this.store = store;
    }

    /**
     * Reads the stored events the given messages claim, together ({@link EventStore#findAll}: one BatchGetItem for up
     * to 100), so that verifying each of them afterwards costs no request of its own.
     */
    public void readAhead(List<EventEnvelope> messages) {
        List<EventStore.Position> positions = messages.stream()
                .filter(m -> m.streamId() != null && m.sequence() >= 1)
                .map(m -> new EventStore.Position(m.streamId(), m.sequence()))
                .distinct()
                .filter(p -> !readAhead.containsKey(p))
                .toList();
        if (!positions.isEmpty()) {
            store.findAll(positions)
                    .forEach(e -> readAhead.put(new EventStore.Position(e.streamId(), e.sequence()), e));
        }
    }

    /** One GetItem, the event item at the message's (streamId, sequence), unless it was read ahead. */
    public void verify(EventEnvelope message) {
        requirePosition(message);
        EventEnvelope ahead = readAhead.get(new EventStore.Position(message.streamId(), message.sequence()));
        check(
                message,
                ahead != null
                        ? ahead
                        : store.find(message.streamId(), message.sequence()).orElse(null));
    }

    /** Against a stream the consumer already loaded (every event of it, from sequence 1): no request. */
    public static void verifyIn(EventEnvelope message, List<EventEnvelope> stream) {
        requirePosition(message);
        EventEnvelope stored = stream.stream()
                .filter(e ->
                        e.sequence() == message.sequence() && message.streamId().equals(e.streamId()))
                .findFirst()
                .orElse(null);
        check(message, stored);
    }

    private static void requirePosition(EventEnvelope message) {
        if (message.streamId() == null || message.sequence() < 1) {
            throw new UnverifiedEventException(
                    "event " + message.eventId() + " (" + message.eventType() + ") names no stream position");
        }
    }

    private static void check(EventEnvelope message, EventEnvelope stored) {
        String claim =
                message.eventType() + " " + message.eventId() + " at " + message.streamId() + " #" + message.sequence();
        if (stored == null) {
            throw new UnverifiedEventException(claim + ": no such event in the store");
        }
        if (!stored.eventId().equals(message.eventId()) || !stored.eventType().equals(message.eventType())) {
            throw new UnverifiedEventException(
                    claim + ": the store holds " + stored.eventType() + " " + stored.eventId() + " there");
        }
        // A message carries the stored event as the bus gets it (BusPayload) or, from before that form, in full.
        DomainEvent claimed = EventCodec.decode(message);
        if (!Objects.equals(claimed, EventCodec.decode(BusPayload.of(stored)))
                && !Objects.equals(claimed, EventCodec.decode(stored))) {
            throw new UnverifiedEventException(claim + ": its data differs from the stored event");
        }
    }
}
