package io.eventflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class InventoryHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // an OrderPlaced reaches the stock transaction, where it is refused; nothing else is sent
        PrimingAws aws = PrimingRuns.assertRefusedOnly(
                InventoryHandler::primeThroughHandler, List.of("DynamoDb.TransactWriteItems"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
