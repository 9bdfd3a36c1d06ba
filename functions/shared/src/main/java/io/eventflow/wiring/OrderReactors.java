package io.eventflow.wiring;

import io.eventflow.aws.AwsClients;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.DynamoDbEventStore;
import java.time.Clock;

/** Wiring (kept out of the domain package): an {@link OrderReactor} on DynamoDB, from the function's environment. */
public final class OrderReactors {
    private OrderReactors() {}

    /** EVENT_STORE_TABLE and IDEMPOTENCY_TABLE name the tables. */
    public static OrderReactor fromEnvironment(String consumer, String source, OrderReactor.Decider decider) {
        Clock clock = Clock.systemUTC();
        return new OrderReactor(
                consumer,
                source,
                decider,
                new OrderStreams(
                        new DynamoDbEventStore(AwsClients.dynamo(), AwsClients.env("EVENT_STORE_TABLE")), clock),
                new DynamoDbIdempotencyStore(
                        AwsClients.dynamo(), AwsClients.env("IDEMPOTENCY_TABLE"), clock, IdempotencySettings.DEFAULT));
    }
}
