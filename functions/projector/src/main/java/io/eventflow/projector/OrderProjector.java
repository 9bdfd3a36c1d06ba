package io.eventflow.projector;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.store.EventStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Keeps OrderViewTable in step with the event store. Event n of a stream is applied only to the view
 * at n-1 (a conditional write) and an event the view already has is skipped. An event after a gap (its
 * predecessors were given up by the stream source, or travel in another shard) does not wait for them: the
 * missing events are read from the store, from the view's version on, and applied in order before it, in
 * the same conditional write. The view converges whatever the delivery order, and never waits on a record
 * that will not come again. The stream is projected a batch at a time ({@link Batch}): one write per order and batch.
 */
public final class OrderProjector {
    static final String ORDER_STREAM_PREFIX = "Order-";
    /** Lost conditional writes (a concurrent batch got there first) are re-decided this many times. */
    private static final int ATTEMPTS = 3;

    /** Views this projector wrote last, by orderId: most events follow their order's previous one into the same container. */
    private static final int REMEMBERED_VIEWS = 1_000;

    private final OrderViewRepository views;
    private final EventStore store;
    /**
     * What this container wrote last per order, so the next event of the order costs no read (GetItem): the write is
     * conditional on the version, so a view another container changed meanwhile fails the write, is forgotten and read.
     */
    private final Map<String, OrderView> written =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OrderView> eldest) {
                    return size() > REMEMBERED_VIEWS;
                }
            });

    public OrderProjector(OrderViewRepository views, EventStore store) {
        this.views = views;
        this.store = store;
    }

    private boolean saved(OrderView view, long expectedVersion) {
        if (views.save(view, expectedVersion)) {
            written.put(view.orderId(), view);
            return true;
        }
        written.remove(view.orderId()); // someone else wrote it: read it next time
        return false;
    }

    /** The projection of one stream batch: see {@link Batch}. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * One stream batch: each record's event is folded in memory into its order's view (read at most once per order
     * and batch, and not at all when this container wrote it last), and each changed view is written once, by
     * {@link #flush}, conditional on the version it was read (or remembered) at: one PutItem per order and batch
     * instead of one per event. A lost write (another container got there first) is re-decided on the view as stored.
     * Nothing is written before {@link #flush}.
     */
    public final class Batch {
        /** By orderId, in the order of each order's first folded record. */
        private final Map<String, Pending> pending = new LinkedHashMap<>();

        private RuntimeException lastFailure;

        private Batch() {}

        /**
         * Folds one stored event (as stored: it is upcast here) into its order's pending view.
         *
         * @param recordId the record that carried it, reported back by {@link #flush} when its order's write fails
         */
        public Projection add(EventEnvelope stored, String recordId) {
            if (stored.streamId() == null || !stored.streamId().startsWith(ORDER_STREAM_PREFIX)) {
                return new Projection.Ignored(stored.streamId());
            }
            DomainEvent event = decodeOwn(stored);
            long sequence = stored.sequence();
            Pending p = pending.get(event.orderId());
            OrderView base = p != null ? p.base() : known(event.orderId(), sequence);
            OrderView current = p != null ? p.view() : base;
            if (current.version() >= sequence) {
                return new Projection.AlreadyApplied(current.version(), sequence);
            }
            OrderView next =
                    current.version() < sequence - 1 ? catchUp(current, stored, event) : current.apply(stored, event);
            List<EventEnvelope> events = new ArrayList<>(p != null ? p.events() : List.of());
            events.add(stored);
            pending.put(event.orderId(), new Pending(base, next, p != null ? p.recordId() : recordId, events));
            return current.version() < sequence - 1
                    ? new Projection.Repaired(next, sequence - 1 - current.version())
                    : new Projection.Applied(next);
        }

        /**
         * Writes each pending view once, in the order of its first record, and stops at the first order whose write
         * fails (every later record of the batch comes back with the retried part).
         *
         * @param written told of each view written, with the events it took in this batch
         * @return the id of the failed order's first record, empty when every view was written
         */
        public Optional<String> flush(BiConsumer<OrderView, List<EventEnvelope>> written) {
            for (Pending p : pending.values()) {
                try {
                    OrderView saved = write(p);
                    if (saved != null) {
                        written.accept(saved, p.events());
                    }
                } catch (RuntimeException e) {
                    lastFailure = e;
                    return Optional.of(p.recordId());
                }
            }
            return Optional.empty();
        }

        /** Why the last {@link #flush} stopped, or null. */
        public RuntimeException lastFailure() {
            return lastFailure;
        }

        /** @return the view written, or null when the stored view had every event already */
        private OrderView write(Pending p) {
            OrderView base = p.base();
            OrderView view = p.view();
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (view.version() <= base.version()) {
                    return null;
                }
                if (saved(view, base.version())) {
                    return view;
                }
                // Someone else wrote it (or the optimistic empty view of a first event was wrong): fold again on it.
                String orderId = p.view().orderId();
                base = views.find(orderId).orElseGet(() -> OrderView.empty(orderId));
                view = base;
                for (EventEnvelope e : p.events()) {
                    if (view.version() < e.sequence()) {
                        DomainEvent decoded = EventCodec.decode(e);
                        view = view.version() < e.sequence() - 1 ? catchUp(view, e, decoded) : view.apply(e, decoded);
                    }
                }
            }
            throw new RetryableException("view of " + p.view().orderId() + " kept changing while applying events up to "
                    + p.view().version());
        }
    }

    private record Pending(OrderView base, OrderView view, String recordId, List<EventEnvelope> events) {}

    /**
     * The view as this container last wrote it (a stored view is never older: versions only grow), empty for an
     * order's first event, else as stored (one read).
     */
    private OrderView known(String orderId, long sequence) {
        OrderView remembered = written.get(orderId);
        if (remembered != null) {
            return remembered;
        }
        if (sequence == 1) {
            // An order's first event almost always meets no view: it is written without a read, conditional on there
            // being none; a view that exists after all fails the write and is read then (see Batch#write).
            return OrderView.empty(orderId);
        }
        return views.find(orderId).orElseGet(() -> OrderView.empty(orderId));
    }

    private static DomainEvent decodeOwn(EventEnvelope stored) {
        DomainEvent event = EventCodec.decode(stored);
        if (!stored.streamId().equals(DomainEvent.streamOf(event.orderId()))) {
            throw new PermanentException(
                    "event " + stored.eventId() + " of " + stored.streamId() + " is about order " + event.orderId());
        }
        return event;
    }

    /**
     * The view with the events between its version and {@code stored} read from the store (as a rebuild reads
     * them, so the result is the rebuilt view), then {@code stored} itself.
     */
    private OrderView catchUp(OrderView view, EventEnvelope stored, DomainEvent event) {
        OrderView next = view;
        for (EventEnvelope missing : store.readStream(stored.streamId(), view.version() + 1)) {
            if (missing.sequence() >= stored.sequence()) {
                break;
            }
            next = next.apply(missing, EventCodec.decode(missing));
        }
        if (next.version() != stored.sequence() - 1) {
            throw new RetryableException("the store holds " + stored.streamId() + " up to event " + next.version()
                    + " only, but event " + stored.sequence() + " was delivered");
        }
        return next.apply(stored, event);
    }
}
