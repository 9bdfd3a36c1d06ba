package io.eventflow.replay;

import io.eventflow.events.EventEnvelope;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;

import java.time.Instant;
import java.util.List;

/** The stream-range contract on the in-memory twin. */
class InMemoryStreamRangeTest extends StreamRangeContract {
    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryStreamRange range = new InMemoryStreamRange();

    @Override
    protected StreamRange range() {
        return range;
    }

    @Override
    protected EventEnvelope append(String orderId) {
        EventEnvelope e = Stored.append(store, SampleEvents.orderPlaced(orderId), Instant.parse("2026-12-01T10:00:00Z"));
        range.event(e.streamId(), e.sequence());
        range.guard();
        return e;
    }

    @Override
    protected List<Seen> records() {
        return range.records().stream().map(r -> new Seen(InMemoryStreamRange.STREAM_ARN, InMemoryStreamRange.SHARD,
                r.sequenceNumber(), r.event())).toList();
    }
}
