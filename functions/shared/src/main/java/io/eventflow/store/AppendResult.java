package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import java.util.List;

/** What an append did. A duplicate is an answer, not an error: retries of an append are safe. */
public sealed interface AppendResult {

    record Appended(List<EventEnvelope> events) implements AppendResult {
        public Appended {
            events = List.copyOf(events);
        }

        public long lastSequence() {
            return events.get(events.size() - 1).sequence();
        }
    }

    /** Nothing was written because these eventIds are stored already. */
    record Duplicate(List<String> eventIds) implements AppendResult {
        public Duplicate {
            eventIds = List.copyOf(eventIds);
        }
    }
}
