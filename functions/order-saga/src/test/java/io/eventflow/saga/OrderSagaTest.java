package io.eventflow.saga;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.eventflow.order.OrderReactor.Reaction;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every saga path, on pure state: decide(event, order folded with that event). */
class OrderSagaTest {
    private static final String ID = "ORD-7";

    private static List<DomainEvent> decideAfter(List<DomainEvent> history) {
        return emitted(OrderSaga.decide(history.get(history.size() - 1), Order.fold(ID, history)));
    }

    /** The events a reaction emits; an ignored event emits none. */
    private static List<DomainEvent> emitted(Reaction reaction) {
        return reaction instanceof Reaction.Emit emit ? emit.events() : List.of();
    }

    private static String ignoredBecause(Reaction reaction) {
        assertThat(reaction).isInstanceOf(Reaction.Ignore.class);
        return ((Reaction.Ignore) reaction).reason();
    }

    private static List<DomainEvent> history(DomainEvent... events) {
        List<DomainEvent> h = new ArrayList<>();
        h.add(SampleEvents.orderPlaced(ID));
        h.addAll(List.of(events));
        return h;
    }

    @Test
    void authorizedPaymentConfirmsTheOrder() {
        var h = history(
                new InventoryReserved(ID, SampleEvents.items()), new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"));
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
        assertThat(decideAfter(h))
                .containsExactly(
                        new InventoryReleased(ID, SampleEvents.items(), "payment declined"),
                        new OrderCancelled(ID, "payment declined: card declined"));
    }

    @Test
    void aTerminalOrderDecidesNothingSoDuplicatesAreHarmless() {
        var confirmed = history(
                new InventoryReserved(ID, SampleEvents.items()),
                new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ID, "PAY-1"));
        assertThat(ignoredBecause(
                        OrderSaga.decide(new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"), Order.fold(ID, confirmed))))
                .isEqualTo("PaymentAuthorized is not a transition of a CONFIRMED order");
        var cancelled =
                history(new InventoryRejected(ID, "SKU-002", "x"), new OrderCancelled(ID, "out of stock: SKU-002"));
        assertThat(emitted(OrderSaga.decide(new InventoryRejected(ID, "SKU-002", "x"), Order.fold(ID, cancelled))))
                .isEmpty();
        assertThat(ignoredBecause(OrderSaga.decide(new PaymentDeclined(ID, "late"), Order.fold(ID, cancelled))))
                .contains("CANCELLED");
    }

    @Test
    void shipmentEndsTheSaga() {
        var h = history(
                new InventoryReserved(ID, SampleEvents.items()),
                new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ID, "PAY-1"),
                new ShipmentScheduled(ID, "TRK-1", "DHL"));
        assertThat(decideAfter(h)).isEmpty();
        assertThat(Order.fold(ID, h).status().isTerminal()).isTrue();
    }

    @Test
    void aPaidOrderIsNotCancelledByALateRejectionOrDecline() {
        var paid = history(
                new InventoryReserved(ID, SampleEvents.items()), new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"));
        Order order = Order.fold(ID, paid);
        assertThat(ignoredBecause(OrderSaga.decide(new InventoryRejected(ID, "SKU-002", "late"), order)))
                .isEqualTo("InventoryRejected is not a transition of a PAID order");
        assertThat(ignoredBecause(OrderSaga.decide(new PaymentDeclined(ID, "forged"), order)))
                .isEqualTo("PaymentDeclined is not a transition of a PAID order");
    }

    @Test
    void aReservedOrderIsNotCancelledForStockNorConfirmedBeforePayment() {
        Order reserved = Order.fold(ID, history(new InventoryReserved(ID, SampleEvents.items())));
        assertThat(ignoredBecause(OrderSaga.decide(new InventoryRejected(ID, "SKU-002", "late"), reserved)))
                .contains("RESERVED");
        assertThat(ignoredBecause(OrderSaga.decide(new PaymentAuthorized(ID, "PAY-1", 7499, "EUR"), reserved)))
                .contains("RESERVED");
    }
}
