package io.eventflow.orderapi;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.events.OrderPlaced;
import io.eventflow.idempotency.Receipt;
import io.eventflow.store.AppendResult;
import io.eventflow.store.EventStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Places an order: one OrderPlaced opening a new stream {@code Order-<orderId>} (expectedVersion 0). */
final class OrderPlacement {
    static final String SOURCE = "eventflow.orders";

    record Placed(String orderId, String eventId) {}

    private final EventStore store;
    private final Clock clock;
    private final Supplier<String> newOrderId;

    OrderPlacement(EventStore store, Clock clock, Supplier<String> newOrderId) {
        this.store = store;
        this.clock = clock;
        this.newOrderId = newOrderId;
    }

    /** An order without an Idempotency-Key: fresh ids. */
    Placed place(PlaceOrderRequest request, Pricing.Priced priced, String correlationId, String caller) {
        return place(request, priced, correlationId, caller, newOrderId.get(), Ids.random());
    }

    /**
     * An order under an Idempotency-Key: its ids derive from the key and the body, so a retry that runs the
     * work again (its idempotency record was never completed, e.g. the store was unreachable) appends the same
     * event, gets {@link AppendResult.Duplicate}, and answers with the same order instead of placing a second.
     */
    Placed placeOnce(
            PlaceOrderRequest request,
            Pricing.Priced priced,
            String correlationId,
            String caller,
            String idempotencyKey,
            String bodyHash) {
        return placeOnce(request, priced, correlationId, caller, idempotencyKey, bodyHash, Receipt.none(), p -> "");
    }

    /**
     * The same, with the key's idempotency record (its result: {@code recorded} of the placement) written in the
     * append's transaction.
     */
    Placed placeOnce(
            PlaceOrderRequest request,
            Pricing.Priced priced,
            String correlationId,
            String caller,
            String idempotencyKey,
            String bodyHash,
            Receipt receipt,
            java.util.function.Function<Placed, String> recorded) {
        String seed = idempotencyKey + "|" + bodyHash;
        String orderId = "ORD-" + Ids.derived("order-api", seed, "orderId").replace("-", "");
        String eventId = Ids.derived("order-api", seed, "OrderPlaced");
        receipt.result(recorded.apply(new Placed(orderId, eventId)));
        return place(request, priced, correlationId, caller, orderId, eventId, receipt);
    }

    private Placed place(
            PlaceOrderRequest request,
            Pricing.Priced priced,
            String correlationId,
            String caller,
            String orderId,
            String eventId) {
        return place(request, priced, correlationId, caller, orderId, eventId, Receipt.none());
    }

    private Placed place(
            PlaceOrderRequest request,
            Pricing.Priced priced,
            String correlationId,
            String caller,
            String orderId,
            String eventId,
            Receipt receipt) {
        OrderPlaced event = new OrderPlaced(
                orderId,
                request.customerId(),
                request.customerEmail(),
                request.customerPhone(),
                priced.items(),
                priced.currency(),
                priced.totalCents(),
                caller);
        EventEnvelope draft = EventCodec.draft(event, eventId, clock.instant(), SOURCE, correlationId, null);
        // A taken random orderId (practically impossible) surfaces as ConcurrencyConflictException: retryable.
        // A duplicate is the re-run of a keyed placement that was stored before: same order.
        store.append(DomainEvent.streamOf(orderId), 0, List.of(draft), receipt);
        return new Placed(orderId, eventId);
    }

    /** "ORD-" and 32 hex digits: unguessable, and valid in stream ids and event schemas. */
    static String randomOrderId() {
        return "ORD-" + Ids.random().replace("-", "");
    }
}
