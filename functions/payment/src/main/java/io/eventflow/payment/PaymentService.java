package io.eventflow.payment;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.InventoryReserved;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.idempotency.Receipt;
import io.eventflow.log.JsonLog;
import io.eventflow.order.OrderHistory;
import io.eventflow.order.OrderStreams;
import io.eventflow.resilience.ProviderBreaker;
import io.eventflow.store.EventStore;
import java.time.Clock;

/**
 * Authorizes the payment of an order whose stock is reserved.
 *
 * <p>Order of work per message: stream read and folded (an order that is not RESERVED, or already has a payment
 * answer, is a no-op) -> provider authorization through the provider's circuit breaker, with the order id as the
 * idempotency key (a repeat returns the same paymentId and charges nothing more) -> outcome appended with a derived
 * eventId at the folded version (a repeat is a Duplicate), in one transaction with the COMPLETED idempotency record
 * ({@link IdempotencyStore#processWithAppend}). A crash anywhere before the append reruns the message, and every
 * step it repeats is idempotent.
 */
public final class PaymentService {
    public static final String CONSUMER = "payment";
    public static final String SOURCE = "eventflow.payment";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final IdempotencyStore idempotency;
    private final PaymentProvider provider;
    private final ProviderBreaker breaker;
    private final OrderStreams orders;

    public PaymentService(EventStore events, IdempotencyStore idempotency, PaymentProvider provider, Clock clock) {
        this(events, idempotency, provider, breaker(clock), clock);
    }

    public PaymentService(
            EventStore events,
            IdempotencyStore idempotency,
            PaymentProvider provider,
            ProviderBreaker breaker,
            Clock clock) {
        this.idempotency = idempotency;
        this.provider = provider;
        this.breaker = breaker;
        this.orders = new OrderStreams(events, clock);
    }

    /** The breaker the provider is called through: the batch defers messages while it is open. */
    public ProviderBreaker breaker() {
        return breaker;
    }

    /** The breaker around the payment provider, with the wait from the environment. */
    public static ProviderBreaker breaker(Clock clock) {
        return ProviderBreaker.fromEnvironment(CONSUMER, "payment-provider", clock);
    }

    public void handle(EventEnvelope cause) {
        idempotency.handleOnceWithAppend(
                CONSUMER, cause.eventId(), cause.replayed(), receipt -> apply(cause, receipt), LOG);
    }

    private String apply(EventEnvelope cause, Receipt receipt) {
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
                var result = breaker.call(() -> provider.authorize(charge.request()));
                DomainEvent outcome = PaymentDecisions.outcome(charge, result);
                orders.appendOutcome(cause, outcome, charge.expectedVersion(), CONSUMER, SOURCE, LOG, receipt);
                yield EventTypes.of(outcome).name();
            }
        };
    }
}
