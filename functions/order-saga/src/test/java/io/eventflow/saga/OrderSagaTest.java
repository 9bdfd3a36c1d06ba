package io.eventflow.saga;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.order.Order;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every saga path, on pure state: decide(event, order folded with that event). */
class OrderSagaTest {
    private static final String ID = "ORD-7";

    private static List<DomainEvent> decideAfter(List<DomainEvent> history) {
        Order order = Order.fold(ID, history);
        return OrderSaga.decide(history.get(history.size() - 1), order);
    }

    private static List<DomainEvent> history(DomainEvent... events) {
        List<DomainEvent> h = new ArrayList<>();
        h.add(SampleEvents.orderPlaced(ID));
        h.addAll(List.of(events));
        return h;
    }

    @Test
    void authorizedPaymentConfirmsTheOrder() {
        var h = history(new InventoryReserved(ID, SampleEvents.items()), new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"));
        assertThat(decideAfter(h)).containsExactly(new OrderConfirmed(ID, "PAY-1"));
    }

    @Test
    void rejectedInventoryCancelsWithoutCompensation() {
        var h = history(new InventoryRejected(ID, "SKU-002", "insufficient stock"));
        assertThat(decideAfter(h)).containsExactly(new OrderCancelled(ID, "out of stock: SKU-002"));
    }

    @Test
    void declinedPaymentAfterAReservationReleasesStockThenCancels() {
        var h = history(new InventoryReserved(ID, SampleEvents.items()), new PaymentDeclined(ID, "card declined"));
        assertThat(decideAfter(h)).containsExactly(
                new InventoryReleased(ID, SampleEvents.items(), "payment declined"),
                new OrderCancelled(ID, "payment declined: card declined"));
    }

    @Test
    void aTerminalOrderDecidesNothingSoDuplicatesAreHarmless() {
        var confirmed = history(new InventoryReserved(ID, SampleEvents.items()), new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ID, "PAY-1"));
        assertThat(OrderSaga.decide(new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"), Order.fold(ID, confirmed))).isEmpty();
        var cancelled = history(new InventoryRejected(ID, "SKU-002", "x"), new OrderCancelled(ID, "out of stock: SKU-002"));
        assertThat(OrderSaga.decide(new InventoryRejected(ID, "SKU-002", "x"), Order.fold(ID, cancelled))).isEmpty();
        assertThat(OrderSaga.decide(new PaymentDeclined(ID, "late"), Order.fold(ID, cancelled))).isEmpty();
    }

    @Test
    void shipmentEndsTheSaga() {
        var h = history(new InventoryReserved(ID, SampleEvents.items()), new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ID, "PAY-1"), new ShipmentScheduled(ID, "TRK-1", "DHL"));
        assertThat(decideAfter(h)).isEmpty();
        assertThat(Order.fold(ID, h).status().isTerminal()).isTrue();
    }
}
