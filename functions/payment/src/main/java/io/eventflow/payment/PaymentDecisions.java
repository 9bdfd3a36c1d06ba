package io.eventflow.payment;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import java.util.List;

/** The payment's decisions, pure: whether to charge an order, and the event that records the answer. */
public final class PaymentDecisions {
    private PaymentDecisions() {}

    public sealed interface PaymentPlan {
        /** Authorize the order total, then append the outcome at {@code expectedVersion}. */
        record Charge(String orderId, String customerId, long amountCents, String currency, long expectedVersion)
                implements PaymentPlan {
            /**
             * The provider's idempotency key: the order id, because an order is paid once. Every redelivery of the
             * InventoryReserved (a crash or a lost conditional write between the authorization and the append) asks
             * again with the same key, so a real provider answers the first authorization instead of charging again.
             */
            public String idempotencyKey() {
                return orderId;
            }

            public PaymentProvider.AuthorizationRequest request() {
                return new PaymentProvider.AuthorizationRequest(
                        idempotencyKey(), orderId, customerId, amountCents, currency);
            }
        }

        record Skip(String reason) implements PaymentPlan {}
    }

    /**
     * Only a RESERVED order is charged, once: a decline leaves the status RESERVED until the saga cancels,
     * so the history is checked for an earlier answer too. Amount and currency come from the OrderPlaced.
     */
    public static PaymentPlan plan(Order order, List<DomainEvent> history) {
        if (history.stream().anyMatch(e -> e instanceof PaymentAuthorized || e instanceof PaymentDeclined)) {
            return new PaymentPlan.Skip("payment was already decided for this order");
        }
        if (order.status() != OrderStatus.RESERVED) {
            return new PaymentPlan.Skip("order is " + order.status() + ", not RESERVED");
        }
        return new PaymentPlan.Charge(
                order.orderId(), order.customerId(), order.totalCents(), order.currency(), order.version());
    }

    public static DomainEvent outcome(PaymentPlan.Charge charge, PaymentProvider.AuthorizationResult result) {
        return switch (result) {
            case PaymentProvider.AuthorizationResult.Authorized a ->
                new PaymentAuthorized(charge.orderId(), a.paymentId(), charge.amountCents(), charge.currency());
            case PaymentProvider.AuthorizationResult.Declined d -> new PaymentDeclined(charge.orderId(), d.reason());
        };
    }
}
