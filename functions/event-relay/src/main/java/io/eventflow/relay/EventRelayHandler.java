package io.eventflow.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.eventflow.aws.AwsClients;
import io.eventflow.aws.Deadlines;
import io.eventflow.events.RetryableException;
import io.eventflow.lambda.StreamBatch;
import io.eventflow.lambda.StreamRecords;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.relay.EventRelay.StreamEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * EventRelayFunction: DynamoDB stream of EventStoreTable (INSERTs of event items) → PutEvents on EventBus.
 * Guard items are skipped; MODIFY and REMOVE records (a stored item rewritten) are logged and counted
 * ({@code EventStoreRewrites}), not published. A failure is answered as a batch item failure with the first
 * failing record's sequence number ({@link StreamBatch}), so Lambda resumes from there.
 */
public final class EventRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final int MAX_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** The consumer dimension of this function's metrics. */
    static final String CONSUMER = "event-relay";

    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private static final class Clients {
        static final EventBridgeClient EVENTS =
                AwsClients.configure(EventBridgeClient.builder()).build();
    }

    private final EventRelay relay;
    private final Clock clock;
    private final StreamBatch records = new StreamBatch(CONSUMER);

    public EventRelayHandler() {
        this(new EventRelay(
                new EventBridgeEventBus(Clients.EVENTS, AwsClients.env("EVENT_BUS_NAME")),
                MAX_ATTEMPTS,
                FIRST_BACKOFF,
                EventRelayHandler::sleep));
        Priming.register("EventRelayFunction", () -> {
            EventBridgeEventBus.prime(Clients.EVENTS);
            Priming.eventJson("OrderPlaced");
            primeThroughHandler();
        });
    }

    /**
     * An OrderPlaced's stream record through a second handler over priming's AWS: refused at PutEvents (its retries
     * not waited for).
     */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws();
        Priming.invoke(
                new EventRelayHandler(new EventRelay(
                        new EventBridgeEventBus(
                                aws.client(EventBridgeClient.builder()), AwsClients.env("EVENT_BUS_NAME")),
                        MAX_ATTEMPTS,
                        FIRST_BACKOFF,
                        d -> {})),
                PrimingOrder.streamInsert(PrimingOrder.event(1)));
        return aws;
    }

    public EventRelayHandler(EventRelay relay) {
        this(relay, Clock.systemUTC());
    }

    EventRelayHandler(EventRelay relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Reads the batch's events in order, up to the first record that cannot be read ({@link StreamBatch}), then
     * publishes them: the batch item failure is the first event not published, else the unreadable record.
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamEvent> events = new ArrayList<>();
        // One PutEvents call (its SDK timeout) must still fit when the relay starts it (Deadlines.RELAY_STOP_MARGIN).
        return records.process(
                event,
                record -> read(record, events),
                () -> relay.relay(
                        events,
                        () -> context != null
                                && context.getRemainingTimeInMillis() <= Deadlines.RELAY_STOP_MARGIN.toMillis()));
    }

    /**
     * A record that cannot be read throws: not publishable, Lambda retries the batch from it, then bisects and
     * sends it to the on-failure destination (RelayFailureQueue) once retries are exhausted.
     */
    private void read(DynamodbEvent.DynamodbStreamRecord record, List<StreamEvent> events) {
        Optional<StreamRecords.Rewrite> rewrite = StreamRecords.rewrite(record);
        if (rewrite.isPresent()) {
            // Someone changed or deleted a stored event: counted and alarmed on, never published again
            // (consumers already acted on the original).
            StreamRecords.Rewrite r = rewrite.get();
            LOG.error(
                    "stored item rewritten",
                    null,
                    "eventName",
                    r.eventName(),
                    "streamId",
                    r.streamId(),
                    "sequence",
                    r.sequence(),
                    "sequenceNumber",
                    r.sequenceNumber());
            Metrics.storeRewrite(CONSUMER, clock);
            return;
        }
        StreamRecords.envelope(record)
                .ifPresent(e -> events.add(new StreamEvent(StreamRecords.sequenceNumber(record), e)));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted during PutEvents backoff", e);
        }
    }
}
