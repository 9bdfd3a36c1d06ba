package io.eventflow.replay;

import io.eventflow.events.PermanentException;
import io.eventflow.events.StrictJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to replay. Either one stream ({@code streamId}, optionally narrowed by {@code eventTypes} and time) or
 * some event types over a time window ({@code eventTypes} + {@code from} + {@code to}, half-open [from, to)).
 *
 * @param target        {@code bus} (every rule) or {@code rule:<RuleName>} (only that rule's SQS targets)
 * @param ratePerSecond events per second, 1..{@value #MAX_RATE}, default {@value #DEFAULT_RATE}
 * @param dryRun        count what would be sent, send nothing
 * @param maxEvents     safety cap on matched events, 1..{@value #MAX_EVENTS_LIMIT}, default {@value #DEFAULT_MAX_EVENTS}
 */
public record ReplayRequest(
        String streamId,
        List<String> eventTypes,
        Instant from,
        Instant to,
        String target,
        Integer ratePerSecond,
        Boolean dryRun,
        Integer maxEvents) {
    public static final int DEFAULT_RATE = 50;
    public static final int MAX_RATE = 500;
    public static final int DEFAULT_MAX_EVENTS = 10_000;
    public static final int MAX_EVENTS_LIMIT = 1_000_000;

    public ReplayRequest {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        target = target == null || target.isBlank() ? "bus" : target.trim();
        ratePerSecond = ratePerSecond == null ? DEFAULT_RATE : ratePerSecond;
        dryRun = dryRun != null && dryRun;
        maxEvents = maxEvents == null ? DEFAULT_MAX_EVENTS : maxEvents;
        if (streamId != null && streamId.isBlank()) {
            streamId = null;
        }
        if (streamId == null && eventTypes.isEmpty()) {
            throw new PermanentException("give streamId, or eventTypes with from and to");
        }
        if (streamId == null && (from == null || to == null)) {
            throw new PermanentException("from and to (ISO-8601 instants) are required with eventTypes");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new PermanentException("from must be before to");
        }
        if (eventTypes.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new PermanentException("eventTypes must not contain blanks");
        }
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw new PermanentException("ratePerSecond must be 1.." + MAX_RATE + ", got " + ratePerSecond);
        }
        if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
            throw new PermanentException("maxEvents must be 1.." + MAX_EVENTS_LIMIT + ", got " + maxEvents);
        }
        ReplayTarget.parse(target);
    }

    /**
     * Reads a manual-invoke payload. Unknown fields are refused: a misspelt {@code dryRun} must not turn a
     * dry run into a real one.
     */
    public static ReplayRequest fromJson(Map<String, ?> payload) {
        if (payload == null) {
            throw new PermanentException("empty request: expected {streamId | eventTypes, from, to, target, ...}");
        }
        return StrictJson.read(payload, ReplayRequest.class, "replay request");
    }

    public ReplayTarget parsedTarget() {
        return ReplayTarget.parse(target);
    }
}
