package io.eventflow.projector;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;

/** Test data: stored (positioned) envelopes of one order's stream and the views they fold into. */
final class Views {
    private Views() {}

    /** A confirmed-then-shipped order: placed, reserved, paid, confirmed, shipped. */
    static List<DomainEvent> happyPath(String orderId) {
        List<DomainEvent> all = SampleEvents.everyType(orderId);
        return List.of(all.get(0), all.get(1), all.get(4), all.get(6), all.get(8));
    }

    static List<EventEnvelope> stored(String orderId, List<DomainEvent> events) {
        List<EventEnvelope> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(SampleEvents.draft(events.get(i), SampleEvents.T0.plusSeconds(i))
                    .positioned(DomainEvent.streamOf(orderId), i + 1));
        }
        return out;
    }

    static OrderView fold(String orderId, List<EventEnvelope> stored, int count) {
        OrderView view = OrderView.empty(orderId);
        for (EventEnvelope e : stored.subList(0, count)) {
            view = view.apply(e, io.eventflow.events.EventCodec.decode(e));
        }
        return view;
    }
}
