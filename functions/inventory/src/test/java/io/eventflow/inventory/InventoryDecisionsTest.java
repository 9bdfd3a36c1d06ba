package io.eventflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderCancelled;
import io.eventflow.order.Order;
import io.eventflow.testing.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryDecisionsTest {
    private static final String ORDER = "ORD-7";

    private static Order fold(List<DomainEvent> history) {
        return Order.fold(ORDER, history);
    }

    @Test
    void aPlacedOrderIsReservedAtItsVersion() {
        List<DomainEvent> history = List.of(SampleEvents.orderPlaced(ORDER));
        assertThat(InventoryDecisions.planReservation(fold(history), history))
                .isEqualTo(new InventoryDecisions.ReservationPlan.Reserve(ORDER, SampleEvents.items(), 1));
    }

    @Test
    void anOrderAlreadyReservedIsSkipped() {
        List<DomainEvent> history =
                List.of(SampleEvents.orderPlaced(ORDER), new InventoryReserved(ORDER, SampleEvents.items()));
        assertThat(InventoryDecisions.planReservation(fold(history), history))
                .isInstanceOf(InventoryDecisions.ReservationPlan.Skip.class);
    }

    @Test
    void anOrderAlreadyRejectedIsSkippedThoughItIsStillPlaced() {
        List<DomainEvent> history =
                List.of(SampleEvents.orderPlaced(ORDER), new InventoryRejected(ORDER, "SKU-002", "insufficient stock"));
        assertThat(fold(history).status().name()).isEqualTo("PLACED");
        assertThat(InventoryDecisions.planReservation(fold(history), history))
                .isInstanceOf(InventoryDecisions.ReservationPlan.Skip.class);
    }

    @Test
    void aCancelledOrderIsNotReserved() {
        List<DomainEvent> history =
                List.of(SampleEvents.orderPlaced(ORDER), new OrderCancelled(ORDER, "customer asked"));
        assertThat(InventoryDecisions.planReservation(fold(history), history))
                .isEqualTo(new InventoryDecisions.ReservationPlan.Skip("order is CANCELLED, not PLACED"));
    }

    @Test
    void reservedBecomesInventoryReservedWithTheOrderLines() {
        assertThat(InventoryDecisions.outcome(ORDER, SampleEvents.items(), new ReservationResult.Reserved(false)))
                .isEqualTo(new InventoryReserved(ORDER, SampleEvents.items()));
        assertThat(InventoryDecisions.outcome(ORDER, SampleEvents.items(), new ReservationResult.Reserved(true)))
                .isEqualTo(new InventoryReserved(ORDER, SampleEvents.items()));
    }

    @Test
    void rejectedNamesTheSkuAndAvailableVersusRequested() {
        assertThat(InventoryDecisions.outcome(
                        ORDER, SampleEvents.items(), new ReservationResult.Rejected("SKU-002", 0, 1)))
                .isEqualTo(new InventoryRejected(
                        ORDER, "SKU-002", "insufficient stock for SKU-002: 0 available, 1 requested"));
    }

    @Test
    void aReservedOrderIsReleasedWithTheReleasedLines() {
        InventoryReleased released = new InventoryReleased(ORDER, SampleEvents.items(), "payment declined");
        List<DomainEvent> history =
                List.of(SampleEvents.orderPlaced(ORDER), new InventoryReserved(ORDER, SampleEvents.items()), released);
        assertThat(InventoryDecisions.planRelease(history, released))
                .isEqualTo(new InventoryDecisions.ReleasePlan.Release(ORDER, SampleEvents.items()));
    }

    @Test
    void anOrderThatNeverHeldStockReleasesNothing() {
        InventoryReleased released = new InventoryReleased(ORDER, SampleEvents.items(), "payment declined");
        List<DomainEvent> history = List.of(SampleEvents.orderPlaced(ORDER), released);
        assertThat(InventoryDecisions.planRelease(history, released))
                .isInstanceOf(InventoryDecisions.ReleasePlan.Skip.class);
    }
}
