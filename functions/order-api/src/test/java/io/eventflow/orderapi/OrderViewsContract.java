package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.LineItem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link OrderViews} returns for what the projector stored; twin in *Test, DynamoDB in *IT. */
public abstract class OrderViewsContract {
    protected abstract OrderViews views();

    /** Stores a view the way the projector does. */
    protected abstract void given(OrderDetails details);

    static OrderDetails placed(String orderId) {
        return new OrderDetails(
                orderId,
                "PLACED",
                1,
                List.of(new LineItem("SKU-001", 2, 1250), new LineItem("SKU-002", 1, 4999)),
                "EUR",
                7499,
                null,
                null,
                null,
                List.of(new OrderDetails.Step(1, "OrderPlaced", Instant.parse("2026-11-28T10:15:30.123Z"))));
    }

    static OrderDetails cancelled(String orderId) {
        return new OrderDetails(
                orderId,
                "CANCELLED",
                3,
                List.of(new LineItem("SKU-001", 1, 500)),
                "USD",
                500,
                "PAY-1",
                "TRK-1",
                "payment declined",
                List.of(
                        new OrderDetails.Step(1, "OrderPlaced", Instant.parse("2026-11-28T10:15:30Z")),
                        new OrderDetails.Step(2, "PaymentDeclined", Instant.parse("2026-11-28T10:15:31.5Z")),
                        new OrderDetails.Step(3, "OrderCancelled", Instant.parse("2026-11-28T10:15:32.000000001Z"))));
    }

    private static String newOrderId() {
        return "ORD-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void unknownOrderIsEmpty() {
        assertThat(views().find("ORD-never-projected")).isEmpty();
    }

    @Test
    void readsAPlacedOrderWithAbsentOptionalFields() {
        OrderDetails details = placed(newOrderId());
        given(details);
        assertThat(views().find(details.orderId())).contains(details);
    }

    @Test
    void readsEveryField() {
        OrderDetails details = cancelled(newOrderId());
        given(details);
        assertThat(views().find(details.orderId())).contains(details);
    }
}
