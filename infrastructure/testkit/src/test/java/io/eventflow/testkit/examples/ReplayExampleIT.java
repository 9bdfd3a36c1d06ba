package io.eventflow.testkit.examples;

import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.testkit.EventflowTest;
import io.eventflow.testkit.Flow;
import io.eventflow.testkit.Orders;
import org.junit.jupiter.api.Test;

/** Replay: re-sending an order's events to every consumer leaves the order exactly as it was. */
@EventflowTest
class ReplayExampleIT {
    @Test
    void replayingAShippedOrderChangesNothing(Flow flow) {
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
        flow.await(order).smsSent(1).within(ofSeconds(30));
        flow.awaitQuiet(ofSeconds(60));
        var before = flow.state(order);

        flow.replay(order);
        flow.awaitQuiet(ofSeconds(60));

        assertThat(flow.state(order)).isEqualTo(before);
        assertThat(flow.trace(order).orElseThrow().deliveries())
                .as("the replayed events reached the consumers")
                .anySatisfy(d -> assertThat(d.replay()).isTrue());
    }
}
