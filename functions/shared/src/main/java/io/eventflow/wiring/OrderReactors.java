package io.eventflow.wiring;

import io.eventflow.aws.AwsClients;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wiring (kept out of the domain package): an {@link OrderReactor} on DynamoDB, from the function's environment. */
public final class OrderReactors {
    private OrderReactors() {}

    /** EVENT_STORE_TABLE and IDEMPOTENCY_TABLE name the tables. */
    public static OrderReactor fromEnvironment(String consumer, String source, OrderReactor.Decider decider) {
        return fromEnvironment(consumer, source, decider, AwsClients.dynamo());
    }

    /** The same over {@code dynamo} (priming's runs over {@link io.eventflow.priming.PrimingAws}). */
    public static OrderReactor fromEnvironment(
            String consumer, String source, OrderReactor.Decider decider, DynamoDbClient dynamo) {
        Clock clock = Clock.systemUTC();
        return new OrderReactor(
                consumer,
                source,
                decider,
                new OrderStreams(Stores.eventStore(dynamo), clock),
                Stores.idempotency(dynamo, clock));
    }
}
