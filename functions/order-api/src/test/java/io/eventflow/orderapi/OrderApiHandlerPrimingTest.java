package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class OrderApiHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // a POST /orders is priced and reaches the append of OrderPlaced, where it is refused; nothing else is sent
        PrimingAws aws = PrimingRuns.assertRefusedOnly(
                OrderApiHandler::primeThroughHandler, List.of("DynamoDb.TransactWriteItems"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
