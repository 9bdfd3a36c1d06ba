package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.order.OrderStatus;
import io.eventflow.testing.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderViewTest {
    private final String orderId = "ORD-1";
    private final List<EventEnvelope> stored = Views.stored(orderId, Views.happyPath(orderId));

    @Test
    void foldsTheOrderAndItsTimeline() {
        OrderView placed = Views.fold(orderId, stored, 1);
        assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(placed.version()).isEqualTo(1);
        assertThat(placed.customerId()).isEqualTo("CUST-42");
        assertThat(placed.items()).isEqualTo(SampleEvents.items());
        assertThat(placed.currency()).isEqualTo("EUR");
        assertThat(placed.totalCents()).isEqualTo(7499);
        assertThat(placed.updatedAt()).isEqualTo(stored.get(0).timestamp());

        OrderView shipped = Views.fold(orderId, stored, 5);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.paymentId()).isEqualTo("PAY-" + orderId);
        assertThat(shipped.trackingId()).isEqualTo("TRK-" + orderId);
        assertThat(shipped.timeline())
                .extracting(TimelineEntry::eventType)
                .containsExactly(
                        "OrderPlaced", "InventoryReserved", "PaymentAuthorized", "OrderConfirmed", "ShipmentScheduled");
        assertThat(shipped.timeline().get(4).timestamp())
                .isEqualTo(stored.get(4).timestamp());
        assertThat(shipped.updatedAt()).isEqualTo(stored.get(4).timestamp());
    }

    @Test
    void cancelledOrderKeepsItsReason() {
        var all = SampleEvents.everyType(orderId);
        var events = Views.stored(orderId, List.of(all.get(0), all.get(2), all.get(7)));
        OrderView view = Views.fold(orderId, events, 3);
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.cancelReason()).isEqualTo("payment declined");
    }

    @Test
    void refusesAnEventThatIsNotTheNextOne() {
        OrderView placed = Views.fold(orderId, stored, 1);
        assertThatThrownBy(() -> placed.apply(stored.get(2), EventCodec.decode(stored.get(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
    }
}
