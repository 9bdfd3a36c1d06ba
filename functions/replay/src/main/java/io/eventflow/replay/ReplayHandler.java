package io.eventflow.replay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventJson;
import io.eventflow.events.PermanentException;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.store.EventStore;
import io.eventflow.streams.DynamoDbStreamRange;
import io.eventflow.streams.StreamRange;
import io.eventflow.wiring.Stores;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ReplayFunction, invoked by hand (console, {@code aws lambda invoke}, {@code sam local invoke -e
 * events/replay/replay-day.json}): a replay ({@link ReplayRequest}), or with {@code "mode": "recover"} a recovery of
 * what the relay gave up ({@link RecoveryRequest}, {@code events/replay/recover.json}). Takes and returns plain JSON
 * objects (Map), which the Lambda Java
 * runtime's serializer always reads; {@link ReplayRequest#fromJson} then checks every field.
 */
public final class ReplayHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Stop sending this long before the Lambda timeout, so the report (with resumeFrom) still gets out. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

    private static final class Clients {
        static final EventBridgeClient EVENTS =
                AwsClients.configure(EventBridgeClient.builder()).build();
        static final SqsClient SQS = AwsClients.configure(SqsClient.builder()).build();
        static final DynamoDbStreamsClient STREAMS =
                AwsClients.configure(DynamoDbStreamsClient.builder()).build();
    }

    private final Replay replay;
    private final Recovery recovery;

    public ReplayHandler() {
        this(
                Stores.eventStore(AwsClients.dynamo()),
                new EventBridgeReplayBus(Clients.EVENTS, Clients.SQS, AwsClients.env("EVENT_BUS_NAME")),
                SqsFailureRecords.ofArn(Clients.SQS, AwsClients.env("RELAY_FAILURE_QUEUE_ARN")),
                new DynamoDbStreamRange(Clients.STREAMS),
                Pacing.SYSTEM);
        Priming.register("ReplayFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced");
            primeThroughHandler();
        });
    }

    /**
     * A replay of the sample order's events to the bus through a second handler over priming's AWS, unpaced: refused
     * at PutEvents.
     */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws().events(PrimingOrder.history(5));
        SqsClient sqs = aws.client(SqsClient.builder());
        Pacing unpaced = new Pacing() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) {
                // a priming run waits for nothing
            }
        };
        Priming.invoke(
                new ReplayHandler(
                        Stores.eventStore(aws.dynamo()),
                        new EventBridgeReplayBus(
                                aws.client(EventBridgeClient.builder()), sqs, AwsClients.env("EVENT_BUS_NAME")),
                        unpaced),
                Map.of(
                        "eventTypes",
                        java.util.List.of("OrderPlaced", "OrderConfirmed"),
                        "from",
                        "2026-01-01T00:00:00Z",
                        "to",
                        "2026-01-02T00:00:00Z",
                        "target",
                        "bus",
                        "ratePerSecond",
                        50,
                        "maxEvents",
                        10));
        return aws;
    }

    /** Replays only: a recovery request is refused (no failure queue). */
    public ReplayHandler(EventStore store, ReplayBus bus, Pacing pacing) {
        this(store, bus, null, null, pacing);
    }

    public ReplayHandler(
            EventStore store, ReplayBus bus, FailureRecords relayFailures, StreamRange stream, Pacing pacing) {
        this.replay = new Replay(store, bus, pacing);
        this.recovery = relayFailures == null ? null : new Recovery(store, bus, relayFailures, stream, pacing);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        BooleanSupplier outOfTime =
                context == null ? () -> false : () -> context.getRemainingTimeInMillis() < SAFETY_MARGIN.toMillis();
        Object report;
        if (RecoveryRequest.asked(input)) {
            RecoveryRequest request = RecoveryRequest.fromJson(input);
            if (recovery == null) {
                throw new PermanentException("recover: this handler has no relay failure queue");
            }
            report = recovery.recover(request, outOfTime);
        } else {
            report = replay.replay(ReplayRequest.fromJson(input), outOfTime);
        }
        return EventJson.mapper().convertValue(report, new TypeReference<Map<String, Object>>() {});
    }
}
