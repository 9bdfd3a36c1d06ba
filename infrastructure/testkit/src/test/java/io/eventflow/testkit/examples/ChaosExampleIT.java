package io.eventflow.testkit.examples;

import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.testkit.EventflowTest;
import io.eventflow.testkit.Flow;
import io.eventflow.testkit.Orders;
import org.junit.jupiter.api.Test;

/** Chaos, per test: duplicated deliveries, crashed batches, late and reordered deliveries, an engine outage. */
@EventflowTest
class ChaosExampleIT {
    @Test
    void everyMessageDeliveredTwiceStillMeansOneEmailPerEvent(Flow flow) {
        flow.inject().duplicates();
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(90));
        flow.await(order).emailsSent(2).within(ofSeconds(60));
        flow.await(order).smsSent(1).within(ofSeconds(60));
        assertThat(flow.inject().injected().get("duplicateDeliveries")).isPositive();
    }

    @Test
    void batchesThatCrashAfterTheirHandlerRanAreRedeliveredHarmlessly(Flow flow) {
        flow.inject().crashBatches();
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(90));
        flow.await(order).emailsSent(2).within(ofSeconds(60));
        assertThat(flow.inject().injected().get("crashedBatches")).isPositive();
    }

    @Test
    void lateReorderedDeliveriesAndAnEngineOutageLoseNothing(Flow flow) {
        flow.inject().reorder();
        var order = flow.placeOrder(Orders.sample());
        flow.inject().outage(ofSeconds(4));
        flow.await(order).reaches(SHIPPED).within(ofSeconds(90));
        flow.await(order).emailsSent(2).within(ofSeconds(60));
        assertThat(flow.inject().injected())
                .hasEntrySatisfying("heldBackDeliveries", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("outageRejectedRequests", n -> assertThat(n).isPositive());
    }
}
