package io.eventflow.testkit.examples;

import static io.eventflow.order.OrderStatus.CANCELLED;
import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.testkit.EventflowTest;
import io.eventflow.testkit.Flow;
import io.eventflow.testkit.Orders;
import org.junit.jupiter.api.Test;

/** What a broken flow reports: the expectation, what was seen last, and the order's timeline. */
@EventflowTest
class FailureMessageExampleIT {
    @Test
    void anImpossibleStateFailsNamingTheLastStatusAndTheTimeline(Flow flow) {
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
        // its notifications are still under way when the read model says SHIPPED: the counts below need them done
        flow.await(order).emailsSent(2).within(ofSeconds(60));

        assertThatThrownBy(() -> flow.await(order).reaches(CANCELLED).within(ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected order " + order.orderId() + " to reach CANCELLED")
                .hasMessageContaining("last seen: read model SHIPPED")
                .hasMessageContaining("ShipmentScheduled")
                .hasMessageContaining("deliveries:")
                .hasMessageContaining("now:");
        assertThatThrownBy(() -> flow.await(order).emailsSent(5).within(ofSeconds(1)))
                .hasMessageContaining("not within 1 s")
                .hasMessageContaining("emails 2");
    }
}
