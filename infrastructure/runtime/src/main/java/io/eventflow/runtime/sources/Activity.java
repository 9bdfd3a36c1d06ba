package io.eventflow.runtime.sources;

import io.eventflow.runtime.invoke.InvocationResult;

import java.time.Instant;
import java.util.List;
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
    public record Hop(Instant time, String function, String source, List<String> eventTypes, List<String> correlationIds,
                      String outcome, long durationMs, long lagMs, InvocationResult result, List<String> failedItems) {
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastChange = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong invokes = new AtomicLong();
    private final Consumer<Hop> listener;

    public Activity(Consumer<Hop> listener) {
        this.listener = listener;
    }

    void begin() {
        inFlight.incrementAndGet();
        lastChange.set(System.currentTimeMillis());
    }

    void end(Hop hop) {
        invokes.incrementAndGet();
        lastChange.set(System.currentTimeMillis());
        try {
            listener.accept(hop);
        } finally {
            inFlight.decrementAndGet();
        }
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
