package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class ReplayHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // a replay reads the events by type and reaches PutEvents (the bus's three attempts), where it is refused;
        // nothing else is sent
        PrimingAws aws = PrimingRuns.assertRefusedOnly(
                ReplayHandler::primeThroughHandler,
                List.of("EventBridge.PutEvents", "EventBridge.PutEvents", "EventBridge.PutEvents"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
