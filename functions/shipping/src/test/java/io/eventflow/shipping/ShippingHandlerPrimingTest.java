package io.eventflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class ShippingHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // an OrderConfirmed reaches the append of ShipmentScheduled, where it is refused; nothing else is sent
        PrimingAws aws = PrimingRuns.assertRefusedOnly(
                ShippingHandler::primeThroughHandler, List.of("DynamoDb.TransactWriteItems"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
