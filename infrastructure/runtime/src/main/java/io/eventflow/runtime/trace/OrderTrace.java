package io.eventflow.runtime.trace;

import java.util.List;
import java.util.Map;

/**
 * Everything known about one order, from one source ({@link OrderTimeline}): `trace` prints it, `trace --json`
 * writes it as is, and a browser console can serve the same record.
 *
 * @param status the order's status folded from its events in the store (null when it has none)
 * @param view its row in the read model (OrderViewTable), or null when not projected (yet)
 * @param deliveries every recorded delivery of its events (and its HTTP requests) to a function, oldest first
 * @param pending deliveries the template's routing expects that have not succeeded (yet)
 * @param deadLetters its messages in dead-letter queues, with why they got there
 * @param now where the order is: done, waiting, retrying, dead, in progress, or unknown
 * @param notes what this trace could not see (e.g. no invocation record in this checkout)
 */
public record OrderTrace(
        String orderId,
        String streamId,
        String status,
        List<Event> events,
        Map<String, Object> view,
        List<Delivery> deliveries,
        List<Pending> pending,
        List<DeadLetter> deadLetters,
        Where now,
        List<String> notes) {
    /** One stored event of the order. */
    public record Event(
            long sequence,
            String eventType,
            String eventId,
            String time,
            String correlationId,
            String causationId,
            String source) {}

    /**
     * One delivery to a function.
     *
     * @param attempt 1 for the first delivery of this event to this function, 2 for its first retry...
     */
    public record Delivery(
            String time,
            String function,
            String source,
            String what,
            String eventId,
            String outcome,
            boolean failed,
            long durationMs,
            int attempt,
            boolean replay,
            String requestId) {}

    /** A delivery the routing expects that has not succeeded: waiting in {@code queue}, or retrying after failures. */
    public record Pending(
            String eventType, String eventId, String function, String queue, int failedAttempts, String lastOutcome) {}

    /** One dead letter of the order. */
    public record DeadLetter(String queue, String queueName, String messageId, String reason) {}

    /**
     * @param state done | waiting | retrying | dead | in-progress | unknown | not-found
     * @param queue the queue it waits in or died in (logical id), when one
     */
    public record Where(String state, String queue, String detail) {}
}
