package io.eventflow.inventory;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import java.util.List;

/** The inventory's decisions, pure: what to do for an order given its folded stream. */
public final class InventoryDecisions {
    private InventoryDecisions() {}

    public sealed interface ReservationPlan {
        /** Reserve {@code items}, then append the outcome at {@code expectedVersion}. */
        record Reserve(String orderId, List<LineItem> items, long expectedVersion) implements ReservationPlan {}

        record Skip(String reason) implements ReservationPlan {}
    }

    public sealed interface ReleasePlan {
        record Release(String orderId, List<LineItem> items) implements ReleasePlan {}

        record Skip(String reason) implements ReleasePlan {}
    }

    /**
     * An order is reserved once: a stream that already says Reserved or Rejected needs nothing more (a
     * Rejected leaves the status PLACED, so the history is checked, not only the status).
     */
    public static ReservationPlan planReservation(Order order, List<DomainEvent> history) {
        if (history.stream().anyMatch(e -> e instanceof InventoryReserved || e instanceof InventoryRejected)) {
            return new ReservationPlan.Skip("stock was already decided for this order");
        }
        if (order.status() != OrderStatus.PLACED) {
            return new ReservationPlan.Skip("order is " + order.status() + ", not PLACED");
        }
        return new ReservationPlan.Reserve(order.orderId(), order.items(), order.version());
    }

    /** The event that records a reservation attempt. */
    public static DomainEvent outcome(String orderId, List<LineItem> items, ReservationResult result) {
        return switch (result) {
            case ReservationResult.Reserved r -> new InventoryReserved(orderId, items);
            case ReservationResult.Rejected r -> new InventoryRejected(orderId, r.sku(), rejectionReason(r));
        };
    }

    static String rejectionReason(ReservationResult.Rejected r) {
        return "insufficient stock for " + r.sku() + ": " + r.available() + " available, " + r.requested()
                + " requested";
    }

    /** Only an order that was reserved has anything to give back; the repository makes it happen once. */
    public static ReleasePlan planRelease(List<DomainEvent> history, InventoryReleased released) {
        if (history.stream().noneMatch(e -> e instanceof InventoryReserved)) {
            return new ReleasePlan.Skip("the order never held stock");
        }
        return new ReleasePlan.Release(released.orderId(), released.items());
    }
}
