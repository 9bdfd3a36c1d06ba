package io.eventflow.inventory;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.OrderPlaced;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.idempotency.Receipt;
import io.eventflow.log.JsonLog;
import io.eventflow.order.OrderHistory;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.EventStore;
import java.time.Clock;

/**
 * Reserves stock for placed orders and gives it back on compensation.
 *
 * <p>Order of work per message, and why a redelivery at any point neither loses nor doubles anything:
 * <ol>
 *   <li>stream read and folded, and the message verified against it (the stream must hold the very event:
 *       a forged or altered message changes nothing and goes to the DLQ as {@code unverified}); a stream that
 *       already holds the decision is a no-op;</li>
 *   <li>stock written: the reservation is keyed by order ({@code RES#<orderId>}, created in the same transaction
 *       as the decrements), so a repeat (a redelivery, or a concurrent duplicate: there is no INPROGRESS record)
 *       gets {@code Reserved(repeat)} without a second decrement; a Rejected holds nothing, so deciding again is
 *       harmless;</li>
 *   <li>outcome appended with a derived eventId at the folded version, in one transaction with the COMPLETED
 *       idempotency record for (inventory, eventId) ({@link IdempotencyStore#processWithAppend}): a second append
 *       is a Duplicate, a repeat after it gets the recorded result. A crash before the append leaves no record,
 *       so the message runs again through steps 1-3.</li>
 * </ol>
 * A release flips the reservation HELD -> RELEASED in the same transaction as the restock: once per order.
 */
public final class InventoryService {
    public static final String CONSUMER = "inventory";
    public static final String SOURCE = "eventflow.inventory";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final IdempotencyStore idempotency;
    private final InventoryRepository stock;
    private final OrderStreams orders;

    public InventoryService(EventStore events, IdempotencyStore idempotency, InventoryRepository stock, Clock clock) {
        this.idempotency = idempotency;
        this.stock = stock;
        this.orders = new OrderStreams(events, clock);
    }

    public void handle(EventEnvelope cause) {
        idempotency.handleOnceWithAppend(
                CONSUMER, cause.eventId(), cause.replayed(), receipt -> apply(cause, receipt), LOG);
    }

    private String apply(EventEnvelope cause, Receipt receipt) {
        return switch (EventCodec.decode(cause)) {
            case OrderPlaced placed -> reserve(cause, placed.orderId(), receipt);
            case InventoryReleased released -> release(cause, released);
            default -> {
                LOG.info("event type is not for inventory; ignored");
                yield "ignored";
            }
        };
    }

    private String reserve(EventEnvelope cause, String orderId, Receipt receipt) {
        OrderHistory stream = orders.verifiedHistory(cause, orderId); // unverified: nothing reserved
        return switch (InventoryDecisions.planReservation(stream.order(), stream.history())) {
            case InventoryDecisions.ReservationPlan.Skip skip -> {
                LOG.info("no reservation needed", "orderId", orderId, "reason", skip.reason());
                yield "skipped";
            }
            case InventoryDecisions.ReservationPlan.Reserve plan -> {
                ReservationResult result = stock.reserve(orderId, plan.items());
                if (result instanceof ReservationResult.Rejected r) {
                    LOG.info(
                            "stock rejected",
                            "orderId",
                            orderId,
                            "sku",
                            r.sku(),
                            "available",
                            r.available(),
                            "requested",
                            r.requested());
                }
                DomainEvent outcome = InventoryDecisions.outcome(orderId, plan.items(), result);
                orders.appendOutcome(cause, outcome, plan.expectedVersion(), CONSUMER, SOURCE, LOG, receipt);
                yield EventTypes.of(outcome).name();
            }
        };
    }

    private String release(EventEnvelope cause, InventoryReleased released) {
        OrderHistory stream = orders.verifiedHistory(cause, released.orderId()); // unverified: nothing restocked
        return switch (InventoryDecisions.planRelease(stream.history(), released)) {
            case InventoryDecisions.ReleasePlan.Skip skip -> {
                LOG.info("nothing to release", "orderId", released.orderId(), "reason", skip.reason());
                yield "skipped";
            }
            case InventoryDecisions.ReleasePlan.Release plan ->
                switch (stock.release(plan.orderId(), plan.items())) {
                    case ReleaseResult.Released r -> {
                        LOG.info("stock released", "orderId", plan.orderId(), "restocked", r.restocked());
                        yield "released";
                    }
                    case ReleaseResult.NotHeld n -> {
                        LOG.info(
                                "reservation not held (released before); nothing restocked", "orderId", plan.orderId());
                        yield "not-held";
                    }
                };
        };
    }
}
