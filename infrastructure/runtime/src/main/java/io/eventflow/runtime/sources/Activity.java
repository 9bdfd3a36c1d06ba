package io.eventflow.runtime.sources;

import io.eventflow.runtime.invoke.InvocationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** What the event sources are doing: in-flight invokes (for quiescence) and every hop (for the demo and logs). */
public final class Activity {
    /**
     * One invoke of a function by an event source.
     *
     * @param eventTypes the envelope types in the batch (or the HTTP route key)
     * @param outcome ok | partial n/m failed | error type
     * @param failedItems the messageIds / sequence numbers that failed (kept for DLQ reasons)
     */
    public record Hop(
            Instant time,
            String function,
            String source,
            List<String> eventTypes,
            List<String> correlationIds,
            String outcome,
            long durationMs,
            long lagMs,
            InvocationResult result,
            List<String> failedItems,
            List<Item> items) {
        /**
         * An event source's invoke of a batch, ending now: the event types and correlation ids as the records carry
         * them, and the lag as the age of the oldest event time among them (-1 when none carries one).
         */
        static Hop ofBatch(
                String function,
                String source,
                List<Peek> peeks,
                String outcome,
                InvocationResult result,
                List<String> failedItems,
                List<Item> items) {
            Instant now = Instant.now();
            long lag = peeks.stream()
                    .filter(p -> p.timestamp() != null)
                    .mapToLong(p -> now.toEpochMilli() - p.timestamp().toEpochMilli())
                    .max()
                    .orElse(-1);
            List<String> correlationIds = peeks.stream()
                    .map(Peek::correlationId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            List<String> types = peeks.stream().map(Peek::eventType).toList();
            long duration = result == null ? 0 : result.durationMs();
            return new Hop(
                    now, function, source, types, correlationIds, outcome, duration, lag, result, failedItems, items);
        }

        /** The orders this invoke touched, in order of appearance. */
        public List<String> orderIds() {
            return items.stream()
                    .map(Item::orderId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
        }

        public boolean replay() {
            return items.stream().anyMatch(Item::replay);
        }
    }

    /**
     * One record of a batch (or the HTTP request): what it carried and how often it was delivered.
     *
     * @param key messageId (SQS) or stream SequenceNumber, as reported in batchItemFailures
     * @param receiveCount SQS ApproximateReceiveCount (0 when the source does not count)
     */
    public record Item(
            String key,
            String eventId,
            String eventType,
            String orderId,
            String correlationId,
            boolean replay,
            int receiveCount) {
        static Item of(String key, Peek p, int receiveCount) {
            return new Item(key, p.eventId(), p.eventType(), p.orderId(), p.correlationId(), p.replay(), receiveCount);
        }
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastChange = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong invokes = new AtomicLong();
    private final Consumer<Hop> listener;
    /** Extra readers of the hops (the browser console); each must be quick: it runs on the invoking thread. */
    private final List<Consumer<Hop>> subscribers = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> inFlightByFunction = new ConcurrentHashMap<>();

    public Activity(Consumer<Hop> listener) {
        this.listener = listener;
    }

    void begin() {
        inFlight.incrementAndGet();
        lastChange.set(System.currentTimeMillis());
    }

    /** {@link #begin()} for one function, so a reader can show what each function is doing now. */
    void begin(String function) {
        inFlightByFunction.computeIfAbsent(function, f -> new AtomicInteger()).incrementAndGet();
        begin();
    }

    void end(Hop hop) {
        invokes.incrementAndGet();
        lastChange.set(System.currentTimeMillis());
        try {
            listener.accept(hop);
            for (Consumer<Hop> s : subscribers) {
                s.accept(hop);
            }
        } finally {
            AtomicInteger mine = inFlightByFunction.get(hop.function());
            if (mine != null && mine.get() > 0) {
                mine.decrementAndGet();
            }
            inFlight.decrementAndGet();
        }
    }

    /** Also hands every hop to {@code reader} (after the runtime's own listener). */
    public void subscribe(Consumer<Hop> reader) {
        subscribers.add(reader);
    }

    /** Invokes of {@code function} running now. */
    public int inFlight(String function) {
        AtomicInteger n = inFlightByFunction.get(function);
        return n == null ? 0 : n.get();
    }

    /** Something is happening that the queues do not show (a stream record buffered, a retry sleeping). */
    void touch() {
        lastChange.set(System.currentTimeMillis());
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long invokes() {
        return invokes.get();
    }

    public long idleMillis() {
        return System.currentTimeMillis() - lastChange.get();
    }
}
