package io.eventflow.relay;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The bus contract through PutEvents on the emulator: a custom bus, a rule matching our detail-types, an
 * SQS queue as its target; what arrives in the queue is what a consumer would get.
 */
@ExtendWith(EmulatorExtension.class)
class EventBridgeEventBusIT extends EventBusContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static EventBridgeEventBus bus;
    private static SqsClient sqs;
    private static String queueUrl;
    private static final Map<String, JsonNode> arrived = new HashMap<>();

    @BeforeAll
    static void createBusRuleAndQueue() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EventBridgeClient events =
                AwsClients.configure(EventBridgeClient.builder()).build();
        sqs = AwsClients.configure(SqsClient.builder()).build();
        String busName = "relay-it-" + suffix;
        events.createEventBus(b -> b.name(busName));
        queueUrl = sqs.createQueue(b -> b.queueName("relay-it-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String pattern = EventJson.write(
                Map.of("detail-type", EventTypes.names().stream().sorted().toList()));
        events.putRule(b -> b.name("relay-it-" + suffix).eventBusName(busName).eventPattern(pattern));
        events.putTargets(b -> b.rule("relay-it-" + suffix)
                .eventBusName(busName)
                .targets(t -> t.id("queue").arn(queueArn)));
        bus = new EventBridgeEventBus(events, busName);
    }

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected List<JsonNode> received(Set<String> eventIds) {
        await("events " + eventIds + " on the rule's queue")
                .atMost(WAIT)
                .pollInSameThread()
                .until(() -> {
                    if (arrived.keySet().containsAll(eventIds)) {
                        return true;
                    }
                    for (Message m : sqs.receiveMessage(b ->
                                    b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages()) {
                        JsonNode event = EventJson.parse(m.body());
                        arrived.put(event.path("detail").path("eventId").asText(), event);
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    }
                    return arrived.keySet().containsAll(eventIds);
                });
        List<JsonNode> out = new ArrayList<>();
        eventIds.forEach(id -> {
            if (arrived.containsKey(id)) {
                out.add(arrived.get(id));
            }
        });
        return out;
    }
}
