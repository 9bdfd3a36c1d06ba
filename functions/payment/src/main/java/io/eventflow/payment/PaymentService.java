package io.eventflow.payment;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.InventoryReserved;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.order.OrderHistory;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.EventStore;

import java.time.Clock;

/**
 * Authorizes the payment of an order whose stock is reserved.
 *
 * <p>Order of work per message: idempotency record (INPROGRESS) -> stream read and folded (an order that is
 * not RESERVED, or already has a payment answer, is a no-op) -> provider authorization (keyed by orderId, so
 * a repeat returns the same paymentId and charges nothing more) -> outcome appended with a derived eventId at
 * the folded version (a repeat is a Duplicate) -> idempotency record completed. A crash anywhere before the
 * end reruns the message after the record is removed or its in-progress timeout passes, and every step
 * it repeats is idempotent.
 */
public final class PaymentService {
    public static final String CONSUMER = "payment";
    public static final String SOURCE = "eventflow.payment";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final IdempotencyStore idempotency;
    private final PaymentProvider provider;
    private final OrderStreams orders;

    public PaymentService(EventStore events, IdempotencyStore idempotency, PaymentProvider provider, Clock clock) {
        this.idempotency = idempotency;
        this.provider = provider;
        this.orders = new OrderStreams(events, clock);
    }

    public void handle(EventEnvelope cause) {
        idempotency.handleOnce(CONSUMER, cause.eventId(), () -> apply(cause), LOG);
    }

    private String apply(EventEnvelope cause) {
        if (!(EventCodec.decode(cause) instanceof InventoryReserved reserved)) {
            LOG.info("event type is not for payment; ignored");
            return "ignored";
        }
        String orderId = reserved.orderId();
        OrderHistory stream = orders.verifiedHistory(cause, orderId); // unverified: nothing charged
        return switch (PaymentDecisions.plan(stream.order(), stream.history())) {
            case PaymentDecisions.PaymentPlan.Skip skip -> {
                LOG.info("no payment needed", "orderId", orderId, "reason", skip.reason());
                yield "skipped";
            }
            case PaymentDecisions.PaymentPlan.Charge charge -> {
                var result = provider.authorize(orderId, charge.customerId(), charge.amountCents(), charge.currency());
                DomainEvent outcome = PaymentDecisions.outcome(charge, result);
                orders.appendOutcome(cause, outcome, charge.expectedVersion(), CONSUMER, SOURCE, LOG);
                yield EventTypes.of(outcome).name();
            }
        };
    }
}
