package io.eventflow.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The replay bus contract on the emulator: a custom bus, rules with SQS (and one Lambda) targets. */
@ExtendWith(EmulatorExtension.class)
class EventBridgeReplayBusIT extends ReplayBusContract {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static EventBridgeReplayBus bus;
    private static final Map<Queue, TargetQueue> queues = new EnumMap<>(Queue.class);

    @BeforeAll
    static void createBusRulesAndQueues() {
        EventBridgeClient events =
                AwsClients.configure(EventBridgeClient.builder()).build();
        SqsClient sqs = AwsClients.configure(SqsClient.builder()).build();
        String busName = "replay-it-" + SUFFIX;
        events.createEventBus(b -> b.name(busName));
        queues.put(Queue.PLACED, TargetQueue.create(sqs, events, busName, "replay-placed-" + SUFFIX, placedPattern()));
        queues.put(Queue.ALL, TargetQueue.create(sqs, events, busName, "replay-all-" + SUFFIX, allPattern()));
        events.putRule(
                b -> b.name("replay-lambda-" + SUFFIX).eventBusName(busName).eventPattern(neverPattern()));
        events.putTargets(b -> b.rule("replay-lambda-" + SUFFIX)
                .eventBusName(busName)
                .targets(t -> t.id("fn").arn("arn:aws:lambda:us-east-1:123456789012:function:consumer-" + SUFFIX)));
        bus = new EventBridgeReplayBus(events, sqs, busName);
    }

    @Override
    protected ReplayBus bus() {
        return bus;
    }

    @Override
    protected String placedRule() {
        return "replay-placed-" + SUFFIX;
    }

    @Override
    protected String allRule() {
        return "replay-all-" + SUFFIX;
    }

    @Override
    protected String lambdaRule() {
        return "replay-lambda-" + SUFFIX;
    }

    @Override
    protected List<JsonNode> received(Queue queue, Set<String> eventIds, int atLeast) {
        return queues.get(queue).received(eventIds, atLeast);
    }
}
