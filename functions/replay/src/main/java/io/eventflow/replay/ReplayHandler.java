package io.eventflow.replay;

import io.eventflow.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventJson;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * ReplayFunction, invoked by hand (console, {@code aws lambda invoke}, {@code sam local invoke -e
 * events/replay/replay-day.json}). Takes and returns plain JSON objects (Map), which the Lambda Java
 * runtime's serializer always reads; {@link ReplayRequest#fromJson} then checks every field.
 */
public final class ReplayHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Stop sending this long before the Lambda timeout, so the report (with resumeFrom) still gets out. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

    private static final class Clients {
        static final EventBridgeClient EVENTS = AwsClients.configure(EventBridgeClient.builder()).build();
        static final SqsClient SQS = AwsClients.configure(SqsClient.builder()).build();
    }

    private final Replay replay;

    public ReplayHandler() {
        this(new Replay(new DynamoDbEventStore(AwsClients.dynamo(), AwsClients.env("EVENT_STORE_TABLE")),
                new EventBridgeReplayBus(Clients.EVENTS, Clients.SQS, AwsClients.env("EVENT_BUS_NAME")), Pacing.SYSTEM));
        Priming.register("ReplayFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced");
        });
    }

    public ReplayHandler(EventStore store, ReplayBus bus, Pacing pacing) {
        this(new Replay(store, bus, pacing));
    }

    public ReplayHandler(Replay replay) {
        this.replay = replay;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        ReplayRequest request = ReplayRequest.fromJson(input);
        BooleanSupplier outOfTime = context == null ? () -> false
                : () -> context.getRemainingTimeInMillis() < SAFETY_MARGIN.toMillis();
        ReplayReport report = replay.replay(request, outOfTime);
        return EventJson.mapper().convertValue(report, new TypeReference<Map<String, Object>>() { });
    }
}
