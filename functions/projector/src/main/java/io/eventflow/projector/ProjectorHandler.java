package io.eventflow.projector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventEnvelope;
import io.eventflow.lambda.StreamBatch;
import io.eventflow.lambda.StreamRecords;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.metrics.Metrics;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * ProjectorFunction: DynamoDB stream of EventStoreTable → OrderViewTable. Records are handled in order;
 * a view behind a record is caught up from the event store ({@link OrderProjector}); the first record that
 * fails (a dependency, or the record itself) is reported as the batch item failure and the rest of the
 * batch is left alone ({@link StreamBatch}).
 */
public final class ProjectorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final String CONSUMER = "projector";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final OrderProjector projector;
    private final Clock clock;
    private final StreamBatch records = new StreamBatch(CONSUMER);

    public ProjectorHandler() {
        this(projector(AwsClients.dynamo()), Clock.systemUTC());
        Priming.register("ProjectorFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced");
            primeThroughHandler();
        });
    }

    /**
     * An InventoryReserved's stream record through a second handler over priming's AWS: no view yet, so it is caught up
     * from the store (the view read, the stream read, the fold), and refused at the view write.
     */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(2));
        Priming.invoke(
                new ProjectorHandler(projector(aws.dynamo()), Clock.systemUTC()),
                PrimingOrder.streamInsert(PrimingOrder.event(2)));
        return aws;
    }

    private static OrderProjector projector(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        return new OrderProjector(
                new DynamoDbOrderViewRepository(dynamo, AwsClients.env("ORDER_VIEW_TABLE")), Stores.eventStore(dynamo));
    }

    public ProjectorHandler(OrderProjector projector, Clock clock) {
        this.projector = projector;
        this.clock = clock;
    }

    /**
     * Folds the batch's records in order ({@link OrderProjector.Batch}), then writes each changed view once. A record
     * that cannot be folded ends the batch there ({@link StreamBatch}): what was folded before it is written, and the
     * batch item failure is that record, or the first record of an order whose write failed, which comes earlier.
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        OrderProjector.Batch batch = projector.batch();
        return records.process(event, record -> fold(batch, record), () -> flush(batch));
    }

    private void fold(OrderProjector.Batch batch, DynamodbEvent.DynamodbStreamRecord record) {
        Optional<EventEnvelope> stored = StreamRecords.envelope(record);
        if (stored.isEmpty()) {
            return; // guard items, non-INSERTs
        }
        EventEnvelope envelope = stored.get();
        LogContext.set(envelope.correlationId(), envelope.eventId(), envelope.eventType());
        switch (batch.add(envelope, StreamRecords.sequenceNumber(record))) {
            case Projection.Applied a -> {}
            case Projection.AlreadyApplied s ->
                LOG.debug("already applied", "sequence", s.sequence(), "viewVersion", s.viewVersion());
            case Projection.Ignored i -> LOG.debug("not an order stream", "streamId", i.streamId());
            case Projection.Repaired r ->
                LOG.info(
                        "view was behind: missing events read from the store",
                        "orderId",
                        r.view().orderId(),
                        "fromStore",
                        r.fromStore(),
                        "upTo",
                        r.view().version());
        }
    }

    /** @return the sequence number of the first record of the order whose view write failed */
    private Optional<String> flush(OrderProjector.Batch batch) {
        Optional<String> unwritten = batch.flush(this::written);
        unwritten.ifPresent(sequenceNumber -> LOG.warn(
                "view write failed; the batch is retried from the order's first record in it",
                batch.lastFailure(),
                "sequenceNumber",
                sequenceNumber));
        return unwritten;
    }

    /** A view written with the events this batch brought it (their lag measured now that they show). */
    private void written(OrderView view, List<EventEnvelope> events) {
        EventEnvelope last = events.get(events.size() - 1);
        LogContext.set(last.correlationId(), last.eventId(), last.eventType());
        LOG.info(
                "view updated",
                "orderId",
                view.orderId(),
                "version",
                view.version(),
                "status",
                view.status().name(),
                "events",
                events.size());
        events.forEach(e -> Metrics.processingLag(CONSUMER, e, clock));
        LogContext.clear();
    }
}
