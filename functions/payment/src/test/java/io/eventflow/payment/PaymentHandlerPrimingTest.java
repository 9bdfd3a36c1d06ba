package io.eventflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class PaymentHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // an InventoryReserved reaches the provider's authorization, where it is refused; nothing else is sent
        PrimingAws aws = PrimingRuns.assertRefusedOnly(
                PaymentHandler::primeThroughHandler, List.of("PaymentProvider.authorize"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
