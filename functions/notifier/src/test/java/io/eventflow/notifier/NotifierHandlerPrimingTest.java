package io.eventflow.notifier;

import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class NotifierHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // An OrderConfirmed reaches the idempotency claim, where it is refused; nothing else is sent. The claim is this
        // consumer's first request, before the stream is read.
        PrimingRuns.assertRefusedOnly(NotifierHandler::primeThroughHandler, List.of("DynamoDb.PutItem"));
    }
}
