package io.eventflow.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** InventoryFunction: SQS InventoryQueue (OrderPlaced, InventoryReleased), partial batch failures. */
public final class InventoryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InventoryService service;
    private final SqsBatch batch;

    /** Lambda's entry: one instance per container, wired from the environment. */
    public InventoryHandler() {
        this(fromEnvironment(AwsClients.dynamo(), Clock.systemUTC()), Clock.systemUTC());
        Priming.register("InventoryFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced", "InventoryReleased", "InventoryReserved");
            primeThroughHandler();
        });
    }

    /** An OrderPlaced through a second handler over priming's AWS: refused at the stock transaction. */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(1));
        Clock clock = Clock.systemUTC();
        Priming.invoke(
                new InventoryHandler(fromEnvironment(aws.dynamo(), clock), clock),
                PrimingOrder.ruleMessage(PrimingOrder.event(1)));
        return aws;
    }

    public InventoryHandler(InventoryService service, Clock clock) {
        this.service = service;
        this.batch = new SqsBatch(InventoryService.CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context, service::handle);
    }

    private static InventoryService fromEnvironment(DynamoDbClient dynamo, Clock clock) {
        return new InventoryService(
                Stores.eventStore(dynamo),
                Stores.idempotency(dynamo, clock),
                new DynamoDbInventoryRepository(dynamo, AwsClients.env("INVENTORY_TABLE"), clock),
                clock);
    }
}
