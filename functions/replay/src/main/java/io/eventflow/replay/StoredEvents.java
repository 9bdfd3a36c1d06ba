package io.eventflow.replay;

import io.eventflow.events.EventEnvelope;
import io.eventflow.store.EventPage;
import io.eventflow.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;

/** The events a replay request selects, read lazily from the store (upcast on read) in timestamp order. */
final class StoredEvents {
    static final int PAGE_SIZE = 100;
    /** The order of the store's ByTypeAndTime index: time, then stream, then sequence. */
    static final Comparator<EventEnvelope> ORDER = Comparator.comparing(EventEnvelope::timestamp)
            .thenComparing(EventEnvelope::streamId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(EventEnvelope::sequence);

    private StoredEvents() {}

    static Iterator<EventEnvelope> select(EventStore store, ReplayRequest r) {
        if (r.streamId() != null) {
            return store.readStream(r.streamId(), 1).stream()
                    .filter(e -> r.eventTypes().isEmpty() || r.eventTypes().contains(e.eventType()))
                    .filter(e -> r.from() == null || !e.timestamp().isBefore(r.from()))
                    .filter(e -> r.to() == null || e.timestamp().isBefore(r.to()))
                    .iterator();
        }
        List<Iterator<EventEnvelope>> perType = new ArrayList<>();
        r.eventTypes().stream().distinct().forEach(t -> perType.add(new ByType(store, t, r.from(), r.to())));
        return perType.size() == 1 ? perType.get(0) : new Merged(perType);
    }

    /** One event type, a page at a time. */
    private static final class ByType implements Iterator<EventEnvelope> {
        private final EventStore store;
        private final String type;
        private final Instant from;
        private final Instant to;
        private Iterator<EventEnvelope> page = List.<EventEnvelope>of().iterator();
        private Optional<String> next = Optional.empty();
        private boolean started;

        ByType(EventStore store, String type, Instant from, Instant to) {
            this.store = store;
            this.type = type;
            this.from = from;
            this.to = to;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && (!started || next.isPresent())) {
                EventPage p = store.readByType(type, from, to, next, PAGE_SIZE);
                started = true;
                page = p.events().iterator();
                next = p.nextPageToken();
            }
            return page.hasNext();
        }

        @Override
        public EventEnvelope next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }

    /** k-way merge of sorted iterators. */
    private static final class Merged implements Iterator<EventEnvelope> {
        private record Head(EventEnvelope event, Iterator<EventEnvelope> rest) {}

        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::event, ORDER));

        Merged(List<Iterator<EventEnvelope>> sources) {
            sources.forEach(this::advance);
        }

        private void advance(Iterator<EventEnvelope> source) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public EventEnvelope next() {
            Head h = heads.poll();
            if (h == null) {
                throw new NoSuchElementException();
            }
            advance(h.rest());
            return h.event();
        }
    }
}
