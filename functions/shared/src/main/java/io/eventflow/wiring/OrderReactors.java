package io.eventflow.wiring;

import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import java.time.Clock;

/** Wiring (kept out of the domain package): an {@link OrderReactor} on DynamoDB, from the function's environment. */
public final class OrderReactors {
    private OrderReactors() {}

    /** EVENT_STORE_TABLE and IDEMPOTENCY_TABLE name the tables. */
    public static OrderReactor fromEnvironment(String consumer, String source, OrderReactor.Decider decider) {
        Clock clock = Clock.systemUTC();
        return new OrderReactor(
                consumer, source, decider, new OrderStreams(Stores.eventStore(), clock), Stores.idempotency(clock));
    }
}
