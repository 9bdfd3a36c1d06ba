package io.eventflow.replay;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.AppendResult;
import io.eventflow.store.EventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Instant;
import java.util.List;

/** Appends sample events to a store, one at a time, at given instants. */
final class Stored {
    private Stored() {}

    static EventEnvelope append(EventStore store, DomainEvent event, Instant at) {
        String streamId = "Order-" + event.orderId();
        EventEnvelope draft = SampleEvents.draft(event, at);
        AppendResult result = store.append(streamId, store.currentVersion(streamId), List.of(draft));
        return ((AppendResult.Appended) result).events().get(0);
    }
}
