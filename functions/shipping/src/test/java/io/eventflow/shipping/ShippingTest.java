package io.eventflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.order.Order;
import io.eventflow.order.OrderReactor.Reaction;
import io.eventflow.testing.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippingTest {
    private static final String ID = "ORD-9";

    @Test
    void aConfirmedOrderGetsOneShipmentWithAStableTrackingId() {
        List<DomainEvent> h = List.of(
                SampleEvents.orderPlaced(ID),
                new InventoryReserved(ID, SampleEvents.items()),
                new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ID, "PAY-1"));
        List<DomainEvent> decided =
                ((Reaction.Emit) Shipping.decide(new OrderConfirmed(ID, "PAY-1"), Order.fold(ID, h))).events();
        assertThat(decided).singleElement().isInstanceOfSatisfying(ShipmentScheduled.class, s -> {
            assertThat(s.trackingId()).isEqualTo(Shipping.trackingId(ID)).matches("TRK-[0-9A-F]{12}");
            assertThat(s.carrier()).isEqualTo("DHL");
        });
    }

    @Test
    void anAlreadyShippedOrderIsNotShippedAgain() {
        List<DomainEvent> h = List.of(
                SampleEvents.orderPlaced(ID),
                new OrderConfirmed(ID, "PAY-1"),
                new ShipmentScheduled(ID, "TRK-1", "DHL"));
        assertThat(Shipping.decide(new OrderConfirmed(ID, "PAY-1"), Order.fold(ID, h)))
                .isInstanceOf(Reaction.Ignore.class);
    }
}
