package io.eventflow.relay;

import io.eventflow.events.BusPayload;
import io.eventflow.events.EventEnvelope;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.relay.EventBus.PublishResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The publishing half of the transactional outbox: events already committed to the store are put on the
 * bus, in their {@link BusPayload} form (no contact data). Failed entries are retried a few times with a short
 * backoff; what still fails is answered with the
 * stream sequence number of the first failed event in batch order. Lambda then retries the batch from that
 * record, so events after it are published again: at-least-once, which consumers absorb (idempotent on
 * eventId).
 */
public final class EventRelay {
    /** One stored event and the stream record that carried it. */
    public record StreamEvent(String sequenceNumber, EventEnvelope envelope) {}

    /** Waits between attempts; tests pass a recording no-op. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    /** PutEvents takes at most 10 entries: the relay calls the bus with at most that many, one call at a time. */
    static final int CALL_ENTRIES = EventBridgeEventBus.MAX_ENTRIES_PER_CALL;

    private static final JsonLog LOG = JsonLog.of("event-relay");

    private final EventBus bus;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public EventRelay(EventBus bus, int maxAttempts, Duration firstBackoff, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.bus = bus;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    /** @return the sequence number of the first event that could not be published, if any */
    public Optional<String> relay(List<StreamEvent> events) {
        return relay(events, () -> false);
    }

    /**
     * As {@link #relay(List)}, making no PutEvents call once {@code outOfTime} says the invocation is near its end
     * (checked before each call of at most {@value #CALL_ENTRIES} entries): the events not sent by then are
     * answered like failed ones, from the first of them in batch order, so Lambda resumes there instead of the
     * function timing out with the whole batch.
     */
    public Optional<String> relay(List<StreamEvent> events, BooleanSupplier outOfTime) {
        Map<String, PublishResult> failed = new HashMap<>();
        Set<String> unsent = new HashSet<>();
        List<StreamEvent> pending = events;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<StreamEvent> retry = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += CALL_ENTRIES) {
                List<StreamEvent> call = pending.subList(from, Math.min(pending.size(), from + CALL_ENTRIES));
                if (outOfTime.getAsBoolean()) {
                    pending.subList(from, pending.size())
                            .forEach(e -> unsent.add(e.envelope().eventId()));
                    break;
                }
                List<PublishResult> results = bus.publish(
                        call.stream().map(e -> BusPayload.of(e.envelope())).toList());
                for (int i = 0; i < call.size(); i++) {
                    PublishResult r = results.get(i);
                    String eventId = call.get(i).envelope().eventId();
                    if (r.ok()) {
                        failed.remove(eventId);
                        continue;
                    }
                    failed.put(eventId, r);
                    if (r.retryable() && attempt < maxAttempts) {
                        retry.add(call.get(i));
                    }
                }
            }
            if (!unsent.isEmpty()) {
                break;
            }
            pending = retry;
            if (!pending.isEmpty()) {
                sleeper.sleep(firstBackoff.multipliedBy(1L << (attempt - 1)));
            }
        }
        StreamEvent firstFailed = null;
        for (StreamEvent e : events) {
            PublishResult r = failed.get(e.envelope().eventId());
            boolean notSent = unsent.contains(e.envelope().eventId());
            if (r == null && !notSent) {
                continue;
            }
            if (r != null && !notSent) {
                LogContext.set(
                        e.envelope().correlationId(),
                        e.envelope().eventId(),
                        e.envelope().eventType());
                LOG.warn(
                        "event not published",
                        null,
                        "errorCode",
                        r.errorCode(),
                        "errorMessage",
                        r.errorMessage(),
                        "retryable",
                        r.retryable(),
                        "sequenceNumber",
                        e.sequenceNumber());
                LogContext.clear();
            }
            if (firstFailed == null) {
                firstFailed = e;
            }
        }
        if (!unsent.isEmpty()) {
            LOG.warn(
                    "invocation deadline near; events left for the retry of the batch",
                    null,
                    "unsent",
                    unsent.size(),
                    "resumeAt",
                    firstFailed.sequenceNumber());
        }
        LOG.info("relayed stream events", "events", events.size(), "failed", failed.size(), "unsent", unsent.size());
        return Optional.ofNullable(firstFailed).map(StreamEvent::sequenceNumber);
    }
}
