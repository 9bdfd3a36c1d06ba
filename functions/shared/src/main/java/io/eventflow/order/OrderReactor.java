package io.eventflow.order;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.store.AppendResult;

import java.util.List;

/**
 * A consumer whose whole job is "an event happened to an order; what follows?": once per eventId it
 * folds the order's stream, asks a pure decider, and appends the answer (the saga and shipping are this).
 */
public final class OrderReactor {
    /** The pure part: the event that happened and the order folded with it, to the events that follow. */
    @FunctionalInterface
    public interface Decider {
        List<DomainEvent> decide(DomainEvent happened, Order order);
    }

    private final String consumer;
    private final String source;
    private final Decider decider;
    private final OrderStreams orders;
    private final IdempotencyStore idempotency;
    private final JsonLog log;

    public OrderReactor(String consumer, String source, Decider decider, OrderStreams orders, IdempotencyStore idempotency) {
        this.consumer = consumer;
        this.source = source;
        this.decider = decider;
        this.orders = orders;
        this.idempotency = idempotency;
        this.log = JsonLog.of(consumer);
    }

    public String consumer() {
        return consumer;
    }

    public void handle(EventEnvelope cause) {
        idempotency.processOnce(consumer, cause.eventId(), null, () -> {
            DomainEvent happened = EventCodec.decode(cause);
            Order order = orders.load(happened.orderId());
            List<DomainEvent> decided = decider.decide(happened, order);
            AppendResult result = orders.append(order, cause, consumer, source, decided);
            List<String> types = decided.stream().map(e -> e.getClass().getSimpleName()).toList();
            log.info("decided", "orderId", order.orderId(), "status", order.status().name(), "emitted", types,
                    "duplicate", result instanceof AppendResult.Duplicate);
            return String.join(",", types);
        });
    }
}
