package io.eventflow.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory twin of {@link EventBridgeEventBus}: keeps the entries it accepted as EventBridge events,
 * validates entries like PutEvents does, and can be told to fail an event's next attempts.
 */
public final class InMemoryEventBus implements EventBus {
    /** One accepted PutEvents entry. */
    public record Entry(String busEventId, String source, String detailType, String detail, Instant time) {
        /** The event as a rule target receives it. */
        public ObjectNode asEventBridgeEvent() {
            ObjectNode e = EventJson.mapper().createObjectNode();
            e.put("version", "0");
            e.put("id", busEventId);
            e.put("detail-type", detailType);
            e.put("source", source);
            e.put("time", time == null ? null : time.toString());
            e.set("detail", EventJson.parse(detail));
            return e;
        }
    }

    private record Injected(String errorCode, int remaining) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Injected> failures = new HashMap<>();
    private int calls;

    @Override
    public synchronized List<PublishResult> publish(List<EventEnvelope> events) {
        calls++;
        List<PublishResult> results = new ArrayList<>();
        for (EventEnvelope e : events) {
            Injected injected = failures.get(e.eventId());
            if (injected != null && injected.remaining() > 0) {
                failures.put(e.eventId(), new Injected(injected.errorCode(), injected.remaining() - 1));
                results.add(PublishResult.failed(e.eventId(), injected.errorCode(), "injected failure"));
                continue;
            }
            results.add(accept(e));
        }
        return results;
    }

    private PublishResult accept(EventEnvelope e) {
        if (e.source() == null || e.source().isEmpty()) {
            return PublishResult.failed(e.eventId(), "InvalidArgument", "Parameter Source is not valid.");
        }
        if (e.eventType() == null || e.eventType().isEmpty()) {
            return PublishResult.failed(e.eventId(), "InvalidArgument", "Parameter DetailType is not valid.");
        }
        String detail = EventJson.write(e);
        try {
            JsonNode parsed = EventJson.parse(detail);
            if (!parsed.isObject()) {
                return PublishResult.failed(e.eventId(), "MalformedDetail", "Detail is malformed.");
            }
        } catch (MalformedEventException bad) {
            return PublishResult.failed(e.eventId(), "MalformedDetail", "Detail is malformed.");
        }
        String id = UUID.randomUUID().toString();
        entries.add(new Entry(id, e.source(), e.eventType(), detail, e.timestamp()));
        return PublishResult.published(e.eventId(), id);
    }

    /** The next {@code times} attempts to publish {@code eventId} fail with {@code errorCode}. */
    public synchronized void failNext(String eventId, String errorCode, int times) {
        failures.put(eventId, new Injected(errorCode, times));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** How many times {@link #publish} was called. */
    public synchronized int calls() {
        return calls;
    }
}
