package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.priming.PrimingAws;
import io.eventflow.testing.PrimingRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming goes through the handler to its first write, which is refused: it writes nothing. */
class ProjectorHandlerPrimingTest {
    @Test
    void primingGoesThroughTheHandlerAndWritesNothing() {
        // an InventoryReserved's stream record is caught up from the store and reaches the view write, where it is
        // refused; nothing else is sent
        PrimingAws aws =
                PrimingRuns.assertRefusedOnly(ProjectorHandler::primeThroughHandler, List.of("DynamoDb.PutItem"));

        assertThat(aws.answered()).as("reads answered from the seed").isNotEmpty();
    }
}
