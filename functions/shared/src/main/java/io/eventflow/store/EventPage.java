package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import java.util.List;
import java.util.Optional;

/** One page of a query; {@code nextPageToken} is opaque and absent on the last page. */
public record EventPage(List<EventEnvelope> events, Optional<String> nextPageToken) {
    public EventPage {
        events = List.copyOf(events);
    }
}
