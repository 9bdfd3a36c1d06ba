package io.eventflow.projector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Failures;
import io.eventflow.lambda.StreamRecords;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.metrics.Metrics;
import io.eventflow.store.DynamoDbEventStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * ProjectorFunction: DynamoDB stream of EventStoreTable → OrderViewTable. Records are handled in order;
 * a view behind a record is caught up from the event store ({@link OrderProjector}); the first record that
 * fails (a dependency, or the record itself) is reported as the batch item failure and the rest of the
 * batch is left alone, because Lambda re-sends a stream batch from the lowest failed sequence number anyway.
 */
public final class ProjectorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final String CONSUMER = "projector";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final OrderProjector projector;
    private final Clock clock;

    public ProjectorHandler() {
        this(new OrderProjector(new DynamoDbOrderViewRepository(AwsClients.dynamo(), AwsClients.env("ORDER_VIEW_TABLE")),
                new DynamoDbEventStore(AwsClients.dynamo(), AwsClients.env("EVENT_STORE_TABLE"))), Clock.systemUTC());
    }

    public ProjectorHandler(OrderProjector projector, Clock clock) {
        this.projector = projector;
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            LogContext.clear();
            try {
                handle(record);
            } catch (RuntimeException e) {
                LOG.warn(Failures.isRetryable(e) ? "record failed; the batch is retried from it"
                                : "record cannot be projected; it blocks its shard until MaximumRecordAgeInSeconds",
                        e, "sequenceNumber", StreamRecords.sequenceNumber(record));
                return failedFrom(record);
            } finally {
                LogContext.clear();
            }
        }
        return new StreamsEventResponse(List.of());
    }

    private void handle(DynamodbEvent.DynamodbStreamRecord record) {
        Optional<EventEnvelope> stored = StreamRecords.envelope(record);
        if (stored.isEmpty()) {
            return; // guard items, non-INSERTs
        }
        EventEnvelope envelope = stored.get();
        LogContext.set(envelope.correlationId(), envelope.eventId(), envelope.eventType());
        Projection result = projector.project(envelope);
        switch (result) {
            case Projection.Applied a -> {
                LOG.info("view updated", "orderId", a.view().orderId(), "version", a.view().version(),
                        "status", a.view().status().name());
                Metrics.processingLag(CONSUMER, envelope, clock);
            }
            case Projection.AlreadyApplied s -> LOG.debug("already applied", "sequence", s.sequence(),
                    "viewVersion", s.viewVersion());
            case Projection.Ignored i -> LOG.debug("not an order stream", "streamId", i.streamId());
            case Projection.Repaired r -> {
                LOG.info("view was behind: missing events read from the store and applied", "orderId",
                        r.view().orderId(), "version", r.view().version(), "fromStore", r.fromStore(),
                        "status", r.view().status().name());
                Metrics.processingLag(CONSUMER, envelope, clock);
            }
        }
    }

    private static StreamsEventResponse failedFrom(DynamodbEvent.DynamodbStreamRecord record) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(StreamRecords.sequenceNumber(record))));
    }
}
