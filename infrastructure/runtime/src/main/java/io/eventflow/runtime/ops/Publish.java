package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.runtime.Json;
import io.eventflow.store.AppendResult;
import io.eventflow.store.EventStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code publish <file.json>}: appends one envelope or a list through the event store (validated against the
 * schemas), so the relay publishes it like any other event. A given sequence n is appended at expected
 * version n-1; without one, at the stream's current version.
 */
public final class Publish {
    private Publish() {}

    /** The envelopes of a file (one or a list), decoded and checked: a bad one fails before anything is appended. */
    public static List<EventEnvelope> envelopes(String json) {
        JsonNode root = Json.parse(json);
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            EventEnvelope e;
            try {
                e = EventCodec.fromJson(nodes.get(i));
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException(
                        "envelope " + (i + 1) + " of " + nodes.size() + ": " + bad.getMessage(), bad);
            }
            if (e.streamId() == null) {
                throw new IllegalArgumentException("envelope " + (i + 1) + " (" + e.eventId() + ") has no streamId");
            }
            envelopes.add(e);
        }
        return envelopes;
    }

    public static int run(EventStore store, String json, PrintStream out) {
        int appended = 0;
        for (EventEnvelope e : envelopes(json)) {
            long expected = e.sequence() > 0 ? e.sequence() - 1 : store.currentVersion(e.streamId());
            EventEnvelope draft = EventEnvelope.draft(
                    e.eventId(),
                    e.eventType(),
                    e.version(),
                    e.timestamp(),
                    e.source(),
                    e.correlationId(),
                    e.causationId(),
                    e.data());
            AppendResult r = store.append(e.streamId(), expected, List.of(draft));
            if (r instanceof AppendResult.Appended a) {
                appended++;
                out.println(Json.write(java.util.Map.of(
                        "eventId",
                        e.eventId(),
                        "streamId",
                        e.streamId(),
                        "sequence",
                        a.lastSequence(),
                        "result",
                        "appended")));
            } else {
                out.println(Json.write(
                        java.util.Map.of("eventId", e.eventId(), "streamId", e.streamId(), "result", "duplicate")));
            }
        }
        return appended;
    }
}
