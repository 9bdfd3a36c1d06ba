package io.eventflow.testkit.examples;

import static io.eventflow.order.OrderStatus.CANCELLED;
import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;

import io.eventflow.testkit.EventflowTest;
import io.eventflow.testkit.Flow;
import io.eventflow.testkit.Orders;
import org.junit.jupiter.api.Test;

/** End to end with a timeout: an order through the API, awaited in the read model, the event store and the senders. */
@EventflowTest
class EndToEndExampleIT {
    @Test
    void shipsAPaidOrder(Flow flow) {
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
        flow.await(order)
                .hasEvents(
                        "OrderPlaced", "InventoryReserved", "PaymentAuthorized", "OrderConfirmed", "ShipmentScheduled")
                .within(ofSeconds(10));
        flow.await(order).emailsSent(2).within(ofSeconds(30)); // confirmed, shipped
        flow.await(order).smsSent(1).within(ofSeconds(30)); // shipped
    }

    @Test
    void cancelsADeclinedOrderAndTellsTheCustomerOnce(Flow flow) {
        var order = flow.placeOrder(Orders.declined());
        flow.await(order).reaches(CANCELLED).within(ofSeconds(60));
        flow.await(order).emailsSent(1).within(ofSeconds(30));
    }
}
