package io.eventflow.wiring;

import io.eventflow.aws.AwsClients;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wiring: the tables a function keeps its state in, on DynamoDB, named by the function's environment. The client is a
 * parameter so that priming can build the same stores over its own client, which never sends a request.
 */
public final class Stores {
    private Stores() {}

    /** The event store in EVENT_STORE_TABLE. */
    public static EventStore eventStore(DynamoDbClient dynamo) {
        return new DynamoDbEventStore(dynamo, AwsClients.env("EVENT_STORE_TABLE"));
    }

    /** The idempotency records in IDEMPOTENCY_TABLE, with the default lease and retention. */
    public static IdempotencyStore idempotency(DynamoDbClient dynamo, Clock clock) {
        return new DynamoDbIdempotencyStore(
                dynamo, AwsClients.env("IDEMPOTENCY_TABLE"), clock, IdempotencySettings.DEFAULT);
    }
}
