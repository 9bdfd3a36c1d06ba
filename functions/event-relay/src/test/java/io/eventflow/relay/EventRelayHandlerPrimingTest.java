package io.eventflow.relay;

import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class EventRelayHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // An OrderPlaced's stream record reaches PutEvents (the relay's three attempts), where it is refused; nothing
        // else is sent. The relay reads nothing: the record carries the event.
        PrimingRuns.assertRefusedOnly(
                EventRelayHandler::primeThroughHandler,
                List.of("EventBridge.PutEvents", "EventBridge.PutEvents", "EventBridge.PutEvents"));
    }
}
