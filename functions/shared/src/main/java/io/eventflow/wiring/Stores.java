package io.eventflow.wiring;

import io.eventflow.aws.AwsClients;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.time.Clock;

/** Wiring: the tables a consumer keeps its state in, on DynamoDB, named by the function's environment. */
public final class Stores {
    private Stores() {}

    /** The event store in EVENT_STORE_TABLE. */
    public static EventStore eventStore() {
        return new DynamoDbEventStore(AwsClients.dynamo(), AwsClients.env("EVENT_STORE_TABLE"));
    }

    /** The idempotency records in IDEMPOTENCY_TABLE, with the default lease and retention. */
    public static IdempotencyStore idempotency(Clock clock) {
        return new DynamoDbIdempotencyStore(
                AwsClients.dynamo(), AwsClients.env("IDEMPOTENCY_TABLE"), clock, IdempotencySettings.DEFAULT);
    }
}
