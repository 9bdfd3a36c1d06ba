package io.eventflow.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.events.EventJson;
import io.eventflow.lambda.EventBridgeMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The handler as Lambda builds it (EVENT_BUS_NAME from the environment) on the sample stream batch, against
 * EventBridge on the emulator; a rule like the template's InventoryRule forwards OrderPlaced to a queue, and
 * what arrives there is readable by the consumers' EventBridgeMessages.
 */
@ExtendWith(EmulatorExtension.class)
class EventRelayHandlerIT {
    private static final String SAMPLE = "../../events/event-relay/stream-inserts.json";

    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void provision() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EventBridgeClient events =
                AwsClients.configure(EventBridgeClient.builder()).build();
        sqs = AwsClients.configure(SqsClient.builder()).build();
        String busName = "relay-handler-it-" + suffix;
        events.createEventBus(b -> b.name(busName));
        queueUrl =
                sqs.createQueue(b -> b.queueName("relay-handler-it-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("placed-" + suffix)
                .eventBusName(busName)
                .eventPattern(EventJson.write(Map.of("detail-type", List.of("OrderPlaced")))));
        events.putTargets(b -> b.rule("placed-" + suffix)
                .eventBusName(busName)
                .targets(t -> t.id("q").arn(queueArn)));
        io.eventflow.aws.TestEnvironment.set("EVENT_BUS_NAME", busName);
    }

    @AfterAll
    static void clearProperties() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    @Test
    void relaysTheSampleBatchAndRulesRouteByDetailType() {
        DynamodbEvent batch = EventLoader.loadDynamoDbEvent(SAMPLE);

        StreamsEventResponse response = new EventRelayHandler().handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> received = new ArrayList<>();
        await("two OrderPlaced on the rule's queue")
                .atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> {
                    for (Message m : sqs.receiveMessage(b ->
                                    b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages()) {
                        received.add(EventJson.parse(m.body()));
                    }
                    return received.size() >= 2;
                });
        // Two OrderPlaced (one stored as v1) match the rule; InventoryReserved and the guard item do not arrive.
        assertThat(received).hasSize(2).allSatisfy(e -> {
            assertThat(e.path("detail-type").asText()).isEqualTo("OrderPlaced");
            assertThat(e.path("source").asText()).isEqualTo("eventflow.orders");
            assertThat(EventBridgeMessages.envelope(EventJson.write(e))
                            .data()
                            .path("currency")
                            .isTextual())
                    .isTrue();
            // The stored events carry email and phone; the queue gets neither.
            assertThat(e.path("detail").path("data").has("customerEmail")).isFalse();
            assertThat(EventJson.write(e)).doesNotContain("ada@example.com", "+15550100042");
        });
    }
}
