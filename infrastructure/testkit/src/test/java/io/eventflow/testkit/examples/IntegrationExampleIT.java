package io.eventflow.testkit.examples;

import static io.eventflow.order.OrderStatus.CANCELLED;
import static java.time.Duration.ofSeconds;

import io.eventflow.events.EventCodec;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderPlaced;
import io.eventflow.testkit.EventflowTest;
import io.eventflow.testkit.Flow;
import io.eventflow.testkit.OrderRequest;
import io.eventflow.testkit.PlacedOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Integration with a real broker: an event published through the store (the relay, EventBridge's rules, SQS) is
 * consumed; a message no consumer can read ends in its queue's DLQ after the redrive policy's receives.
 */
@EventflowTest
class IntegrationExampleIT {
    @Test
    void aPublishedEventIsRoutedAndConsumed(Flow flow) {
        String id = "ORD-QA-" + UUID.randomUUID().toString().substring(0, 8);
        var placed = new OrderPlaced(id, "CUST-QA", null, null, List.of(new LineItem("SKU-OUT", 1, 500)), "EUR", 500);
        flow.publish(EventCodec.draft(
                        placed, UUID.randomUUID().toString(), Instant.now(), "eventflow.orders", "qa-" + id, null)
                .positioned("Order-" + id, 1));
        var order = new PlacedOrder(id, null, null, new OrderRequest("CUST-QA", null, null, "EUR", List.of()));
        flow.await(order)
                .hasEvents("OrderPlaced", "InventoryRejected", "OrderCancelled")
                .within(ofSeconds(60));
        flow.await(order).reaches(CANCELLED).within(ofSeconds(30));
    }

    @Test
    void aMessageNoConsumerCanReadEndsInTheDlq(Flow flow) {
        int before = flow.depth("InventoryDLQ");
        flow.send("InventoryQueue", "not an event");
        flow.awaitQueue("InventoryDLQ").holds(before + 1).within(ofSeconds(90));
    }
}
