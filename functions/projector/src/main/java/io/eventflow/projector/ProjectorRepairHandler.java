package io.eventflow.projector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.lambda.SqsBatch;
import io.eventflow.streams.DynamoDbStreamRange;
import io.eventflow.streams.StreamFailureRecord;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * ProjectorRepairFunction: ProjectorFailureQueue (the projector's stream OnFailure records) → {@link
 * FailedBatchRepair}. A record that cannot be repaired (not such a record, its records trimmed from the stream,
 * a view that cannot be rebuilt) is reported as a batch item failure and reaches ProjectorRepairDLQ after 5
 * receives.
 */
public final class ProjectorRepairHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FailedBatchRepair repair;
    private final String eventStoreTable;
    private final SqsBatch batch;

    public ProjectorRepairHandler() {
        this(
                new FailedBatchRepair(
                        new DynamoDbStreamRange(AwsClients.configure(DynamoDbStreamsClient.builder())
                                .build()),
                        new ProjectionRebuild(
                                Stores.eventStore(AwsClients.dynamo()),
                                new DynamoDbOrderViewRepository(
                                        AwsClients.dynamo(), AwsClients.env("ORDER_VIEW_TABLE")))),
                AwsClients.env("EVENT_STORE_TABLE"),
                Clock.systemUTC());
    }

    public ProjectorRepairHandler(FailedBatchRepair repair, String eventStoreTable, Clock clock) {
        this.repair = repair;
        this.eventStoreTable = eventStoreTable;
        this.batch = new SqsBatch(FailedBatchRepair.CONSUMER, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.processBodies(
                event,
                context,
                body -> repair.repair(StreamFailureRecord.parse(body).requireTable(eventStoreTable)));
    }
}
