package io.eventflow.testing;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.InventoryReserved;
import io.eventflow.store.EventStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a sample message's event at its own stream position, so that consumers verify it: the positions
 * before it get a plausible history (OrderPlaced, then InventoryReserved), the event keeps its eventId.
 */
public final class StoredSamples {
    private StoredSamples() {}

    public static void store(EventStore store, EventEnvelope sample) {
        String orderId = EventCodec.decode(sample).orderId();
        List<EventEnvelope> drafts = new ArrayList<>();
        for (long seq = 1; seq < sample.sequence(); seq++) {
            DomainEvent filler =
                    seq == 1 ? SampleEvents.orderPlaced(orderId) : new InventoryReserved(orderId, SampleEvents.items());
            drafts.add(SampleEvents.draft(filler));
        }
        drafts.add(sample.positioned(null, 0));
        store.append(sample.streamId(), 0, drafts);
    }
}
