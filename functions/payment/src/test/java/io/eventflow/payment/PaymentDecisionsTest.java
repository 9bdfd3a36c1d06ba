package io.eventflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.order.Order;
import io.eventflow.payment.PaymentDecisions.PaymentPlan;
import io.eventflow.payment.PaymentProvider.AuthorizationResult;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentDecisionsTest {
    private static final String ORDER = "ORD-7";

    private static PaymentPlan plan(DomainEvent... after) {
        List<DomainEvent> history = new ArrayList<>(List.of(SampleEvents.orderPlaced(ORDER)));
        history.addAll(List.of(after));
        return PaymentDecisions.plan(Order.fold(ORDER, history), history);
    }

    @Test
    void aReservedOrderIsChargedItsTotalInItsCurrency() {
        assertThat(plan(new InventoryReserved(ORDER, SampleEvents.items())))
                .isEqualTo(new PaymentPlan.Charge(ORDER, "CUST-42", 7499, "EUR", 2));
    }

    @Test
    void aPaidOrderIsNotChargedAgain() {
        assertThat(plan(
                        new InventoryReserved(ORDER, SampleEvents.items()),
                        new PaymentAuthorized(ORDER, "PAY-1", 7499, "EUR")))
                .isEqualTo(new PaymentPlan.Skip("payment was already decided for this order"));
    }

    @Test
    void aDeclinedOrderIsNotTriedAgainThoughItIsStillReserved() {
        assertThat(plan(
                        new InventoryReserved(ORDER, SampleEvents.items()),
                        new PaymentDeclined(ORDER, "card declined")))
                .isEqualTo(new PaymentPlan.Skip("payment was already decided for this order"));
    }

    @Test
    void anOrderWithoutReservedStockIsNotCharged() {
        assertThat(plan()).isEqualTo(new PaymentPlan.Skip("order is PLACED, not RESERVED"));
        assertThat(plan(new InventoryRejected(ORDER, "SKU-002", "insufficient stock")))
                .isEqualTo(new PaymentPlan.Skip("order is PLACED, not RESERVED"));
    }

    @Test
    void aCancelledOrderIsNotCharged() {
        assertThat(plan(
                        new InventoryReserved(ORDER, SampleEvents.items()),
                        new OrderCancelled(ORDER, "customer asked")))
                .isEqualTo(new PaymentPlan.Skip("order is CANCELLED, not RESERVED"));
    }

    @Test
    void anAuthorizationBecomesPaymentAuthorizedWithTheChargedAmount() {
        var charge = new PaymentPlan.Charge(ORDER, "CUST-42", 7499, "EUR", 2);
        assertThat(PaymentDecisions.outcome(charge, new AuthorizationResult.Authorized("PAY-9")))
                .isEqualTo(new PaymentAuthorized(ORDER, "PAY-9", 7499, "EUR"));
    }

    @Test
    void aDeclineBecomesPaymentDeclinedWithItsReason() {
        var charge = new PaymentPlan.Charge(ORDER, "CUST-42", 7499, "EUR", 2);
        assertThat(PaymentDecisions.outcome(charge, new AuthorizationResult.Declined("card declined")))
                .isEqualTo(new PaymentDeclined(ORDER, "card declined"));
    }
}
