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
    /** The pure part: the event that happened and the order folded with it, to what follows. */
    @FunctionalInterface
    public interface Decider {
        Reaction decide(DomainEvent happened, Order order);
    }

    /** What a consumer does about an event: emit events (maybe none), or ignore it for a stated reason. */
    public sealed interface Reaction {
        record Emit(List<DomainEvent> events) implements Reaction {
            public Emit {
                events = List.copyOf(events);
            }
        }

        /** The event is not a valid transition in the order's current state (late, duplicate, or out of order). */
        record Ignore(String reason) implements Reaction {}

        static Reaction emit(DomainEvent... events) {
            return new Emit(List.of(events));
        }

        static Reaction ignore(String reason) {
            return new Ignore(reason);
        }
    }

    private final String consumer;
    private final String source;
    private final Decider decider;
    private final OrderStreams orders;
    private final IdempotencyStore idempotency;
    private final JsonLog log;

    public OrderReactor(
            String consumer, String source, Decider decider, OrderStreams orders, IdempotencyStore idempotency) {
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
        // The idempotency record commits with the append (one transaction): the decision and the events are idempotent
        // by themselves (the fold decides the same; derived eventIds make a second append a Duplicate).
        java.util.function.Function<io.eventflow.idempotency.Receipt, String> work = receipt -> {
            DomainEvent happened = EventCodec.decode(cause);
            // The stream is loaded anyway: verifying that it holds the cause costs nothing more.
            Order order = orders.verifiedHistory(cause, happened.orderId()).order();
            Reaction reaction = decider.decide(happened, order);
            if (reaction instanceof Reaction.Ignore ignore) {
                log.info(
                        "ignored",
                        "orderId",
                        order.orderId(),
                        "status",
                        order.status().name(),
                        "reason",
                        ignore.reason());
                return "ignored: " + ignore.reason(); // recorded in the idempotency record
            }
            List<DomainEvent> decided = ((Reaction.Emit) reaction).events();
            List<String> types =
                    decided.stream().map(e -> e.getClass().getSimpleName()).toList();
            AppendResult result =
                    orders.append(order, cause, consumer, source, decided, receipt.result(String.join(",", types)));
            log.info(
                    "decided",
                    "orderId",
                    order.orderId(),
                    "status",
                    order.status().name(),
                    "emitted",
                    types,
                    "duplicate",
                    result instanceof AppendResult.Duplicate);
            return String.join(",", types);
        };
        idempotency.handleOnceWithAppend(consumer, cause.eventId(), cause.replayed(), work, log);
    }
}
