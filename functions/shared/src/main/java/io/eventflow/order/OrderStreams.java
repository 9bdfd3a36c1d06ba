package io.eventflow.order;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.Ids;
import io.eventflow.idempotency.Receipt;
import io.eventflow.log.JsonLog;
import io.eventflow.store.AppendResult;
import io.eventflow.store.EventStore;
import io.eventflow.verify.StoredEventVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Load an order by folding its stream (after verifying that the stream holds the cause), and append what a
 * consumer decided in reaction to that cause:
 * the append is at the version that was folded (a concurrent writer makes it a retryable conflict), and
 * emitted ids derive from the cause, so a redelivered cause appends nothing new.
 */
public final class OrderStreams {
    private final EventStore store;
    private final Clock clock;

    public OrderStreams(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The history of the order {@code cause} happened to, after checking that {@code cause} is one of its stored
     * events ({@link StoredEventVerifier#verifyIn}): the stream is read anyway, so verifying costs no request.
     *
     * @throws io.eventflow.verify.UnverifiedEventException when the stream does not hold {@code cause}
     */
    public OrderHistory verifiedHistory(EventEnvelope cause, String orderId) {
        List<EventEnvelope> stored = store.readStream(DomainEvent.streamOf(orderId), 1);
        StoredEventVerifier.verifyIn(cause, stored);
        List<DomainEvent> history = stored.stream().map(EventCodec::decode).toList();
        return new OrderHistory(history, Order.fold(orderId, history));
    }

    /** Appends {@code decided} (may be empty: nothing to do) as caused by {@code cause}, at the folded version. */
    public AppendResult append(
            Order order, EventEnvelope cause, String consumer, String source, List<DomainEvent> decided) {
        return append(order.orderId(), order.version(), cause, consumer, source, decided, Receipt.none());
    }

    /** The same, with the consumer's idempotency record in the append's transaction ({@link Receipt}). */
    public AppendResult append(
            Order order,
            EventEnvelope cause,
            String consumer,
            String source,
            List<DomainEvent> decided,
            Receipt receipt) {
        return append(order.orderId(), order.version(), cause, consumer, source, decided, receipt);
    }

    /** One outcome event at the version its plan was decided at, logged as new or as appended before. */
    public AppendResult appendOutcome(
            EventEnvelope cause,
            DomainEvent outcome,
            long expectedVersion,
            String consumer,
            String source,
            JsonLog log) {
        return appendOutcome(cause, outcome, expectedVersion, consumer, source, log, Receipt.none());
    }

    /** The same, with the consumer's idempotency record (result: the outcome's type) in the append's transaction. */
    public AppendResult appendOutcome(
            EventEnvelope cause,
            DomainEvent outcome,
            long expectedVersion,
            String consumer,
            String source,
            JsonLog log,
            Receipt receipt) {
        receipt.result(EventTypes.of(outcome).name());
        AppendResult result =
                append(outcome.orderId(), expectedVersion, cause, consumer, source, List.of(outcome), receipt);
        log.info(
                result instanceof AppendResult.Duplicate ? "outcome was appended before" : "outcome appended",
                "orderId",
                outcome.orderId(),
                "emitted",
                EventTypes.of(outcome).name());
        return result;
    }

    /** The same at an explicit expected version (a plan that carries the version it was decided at). */
    public AppendResult append(
            String orderId,
            long expectedVersion,
            EventEnvelope cause,
            String consumer,
            String source,
            List<DomainEvent> decided) {
        return append(orderId, expectedVersion, cause, consumer, source, decided, Receipt.none());
    }

    private AppendResult append(
            String orderId,
            long expectedVersion,
            EventEnvelope cause,
            String consumer,
            String source,
            List<DomainEvent> decided,
            Receipt receipt) {
        if (decided.isEmpty()) {
            return new AppendResult.Appended(List.of());
        }
        List<EventEnvelope> drafts = new ArrayList<>();
        for (DomainEvent e : decided) {
            String type = EventTypes.of(e).name();
            drafts.add(EventCodec.draft(
                    e,
                    Ids.derived(consumer, cause.eventId(), type),
                    clock.instant(),
                    source,
                    cause.correlationId(),
                    cause.eventId()));
        }
        return store.append(DomainEvent.streamOf(orderId), expectedVersion, drafts, receipt);
    }
}
