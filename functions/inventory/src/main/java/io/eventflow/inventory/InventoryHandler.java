package io.eventflow.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.priming.Priming;
import io.eventflow.store.DynamoDbEventStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** InventoryFunction: SQS InventoryQueue (OrderPlaced, InventoryReleased), partial batch failures. */
public final class InventoryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InventoryService service;
    private final SqsBatch batch;

    /** Lambda's entry: one instance per container, wired from the environment. */
    public InventoryHandler() {
        this(fromEnvironment(Clock.systemUTC()), Clock.systemUTC());
        Priming.register("InventoryFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced", "InventoryReleased", "InventoryReserved");
        });
    }

    public InventoryHandler(InventoryService service, Clock clock) {
        this.service = service;
        this.batch = new SqsBatch(InventoryService.CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context, service::handle);
    }

    private static InventoryService fromEnvironment(Clock clock) {
        DynamoDbClient dynamo = AwsClients.dynamo();
        return new InventoryService(
                new DynamoDbEventStore(dynamo, AwsClients.env("EVENT_STORE_TABLE")),
                new DynamoDbIdempotencyStore(
                        dynamo, AwsClients.env("IDEMPOTENCY_TABLE"), clock, IdempotencySettings.DEFAULT),
                new DynamoDbInventoryRepository(dynamo, AwsClients.env("INVENTORY_TABLE"), clock),
                clock);
    }
}
