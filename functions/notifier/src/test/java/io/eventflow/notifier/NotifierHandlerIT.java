package io.eventflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventJson;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.testing.StoredSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The handler as Lambda builds it (configuration from the environment) against SNS and DynamoDB on the emulator. */
@ExtendWith(EmulatorExtension.class)
class NotifierHandlerIT {
    private static final String SAMPLE = "../../events/notifier/order-confirmed.json";

    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void provision() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String idempotency = "notifier-idem-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", idempotency);
        SnsClient sns = AwsClients.configure(SnsClient.builder()).build();
        sqs = AwsClients.configure(SqsClient.builder()).build();
        String topicArn =
                sns.createTopic(b -> b.name("notifier-handler-it-" + suffix)).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("notifier-handler-it-" + suffix))
                .queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        // The email subscription's filter policy: the notificationType attribute must be there to pass it.
        sns.subscribe(b -> b.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of(
                        "FilterPolicy",
                        "{\"notificationType\":[\"OrderConfirmed\",\"OrderCancelled\",\"ShipmentScheduled\"]}")));
        io.eventflow.aws.TestEnvironment.set("NOTIFICATION_TOPIC_ARN", topicArn);
        io.eventflow.aws.TestEnvironment.set("IDEMPOTENCY_TABLE", idempotency);
        // The sample's event is in the store (consumers verify what they act on).
        String events = "events-notifier-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", events);
        StoredSamples.store(
                new DynamoDbEventStore(AwsClients.dynamo(), events),
                EventBridgeMessages.envelope(
                        EventLoader.loadSQSEvent(SAMPLE).getRecords().get(0).getBody()));
        io.eventflow.aws.TestEnvironment.set("EVENT_STORE_TABLE", events);
    }

    @AfterAll
    static void clearProperties() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    @Test
    void publishesOneNotificationForAnEventDeliveredTwice() {
        SQSBatchResponse first = new NotifierHandler().handleRequest(EventLoader.loadSQSEvent(SAMPLE), null);
        SQSBatchResponse second = new NotifierHandler().handleRequest(EventLoader.loadSQSEvent(SAMPLE), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        // one arrives, and no second one for 3 s
        List<JsonNode> received = new ArrayList<>();
        await("no second notification")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> {
                    received.addAll(receive());
                    return received.size() <= 1;
                });
        assertThat(received).singleElement().satisfies(envelope -> {
            JsonNode n = EventJson.parse(envelope.path("Message").asText());
            assertThat(n.path("notificationType").asText()).isEqualTo("OrderConfirmed");
            assertThat(n.path("orderId").asText()).isEqualTo("ORD-1001");
            assertThat(envelope.path("MessageAttributes")
                            .path("notificationType")
                            .path("Value")
                            .asText())
                    .isEqualTo("OrderConfirmed");
        });
    }

    /** One receive (long poll of 1 s); what it got is deleted from the queue. */
    private static List<JsonNode> receive() {
        List<JsonNode> out = new ArrayList<>();
        for (Message m : sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
            out.add(EventJson.parse(m.body()));
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return out;
    }
}
