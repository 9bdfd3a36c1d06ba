package io.eventflow.store;

import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventSchemas;
import io.eventflow.events.InvalidEventException;
import io.eventflow.events.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by every store implementation, so the twin and DynamoDB reject the same input. */
final class Appends {
    private Appends() {}

    static List<EventEnvelope> positioned(String streamId, long expectedVersion, List<EventEnvelope> drafts) {
        if (streamId == null || !streamId.matches("^[A-Za-z]+-[A-Za-z0-9_-]{1,64}$")) {
            throw new InvalidEventException(List.of(new Violation(
                    "$.streamId",
                    "must look like Type-id (letters, dash, then 1-64 of [A-Za-z0-9_-]), got '" + streamId + "'")));
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0, got " + expectedVersion);
        }
        if (drafts.isEmpty() || drafts.size() > EventStore.MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException(
                    "an append takes 1.." + EventStore.MAX_EVENTS_PER_APPEND + " events, got " + drafts.size());
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<EventEnvelope> out = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EventEnvelope e = drafts.get(i).positioned(streamId, expectedVersion + 1 + i);
            String prefix = "$.events[" + i + "]";
            for (Violation v : EventSchemas.validate(EventCodec.toJson(e))) {
                violations.add(new Violation(prefix + v.path().substring(1), v.message()));
            }
            if (e.eventId() != null && !ids.add(e.eventId())) {
                violations.add(
                        new Violation(prefix + ".eventId", "eventId " + e.eventId() + " appears twice in the batch"));
            }
            out.add(e);
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return out;
    }
}
