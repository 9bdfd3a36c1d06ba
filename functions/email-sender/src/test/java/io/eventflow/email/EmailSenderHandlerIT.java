package io.eventflow.email;

import io.eventflow.notification.Notification;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventJson;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler as Lambda builds it (no-arg constructor, configuration from the environment) against the
 * emulator: the order's stream in a real event store table, idempotency in a real table, and the message
 * exactly as SNS delivers it to an SQS subscription without raw delivery.
 */
@ExtendWith(EmulatorExtension.class)
class EmailSenderHandlerIT {
    private static final String SAMPLE = "../../events/email-sender/order-confirmed-notification.json";
    private static final List<String> PROPERTIES = List.of("EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE", "EMAIL_FROM");

    private static SesClient ses;
    private static String idempotencyTable;
    private static SQSEvent.SQSMessage delivered;

    @BeforeAll
    static void provision() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "email-events-" + suffix;
        idempotencyTable = "email-idem-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", events);
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", idempotencyTable);
        String order = "ORD-1001";
        List<DomainEvent> story = List.of(SampleEvents.orderPlaced(order), new InventoryReserved(order, SampleEvents.items()),
                new PaymentAuthorized(order, "PAY-1", 7499, "EUR"), new OrderConfirmed(order, "PAY-1"));
        new DynamoDbEventStore(AwsClients.dynamo(), events).append(DomainEvent.streamOf(order), 0,
                story.stream().map(SampleEvents::draft).toList());

        ses = AwsClients.configure(SesClient.builder()).build();
        String from = "orders-" + suffix + "@eventflow.example";
        ses.verifyEmailIdentity(b -> b.emailAddress(from));

        System.setProperty("EVENT_STORE_TABLE", events);
        System.setProperty("IDEMPOTENCY_TABLE", idempotencyTable);
        System.setProperty("EMAIL_FROM", from);
        delivered = throughSns(suffix);
    }

    @AfterAll
    static void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    /** Publishes the sample's notification as the Notifier does and reads what the subscribed queue receives. */
    private static SQSEvent.SQSMessage throughSns(String suffix) {
        SnsClient sns = AwsClients.configure(SnsClient.builder()).build();
        SqsClient sqs = AwsClients.configure(SqsClient.builder()).build();
        String topicArn = sns.createTopic(b -> b.name("email-it-" + suffix)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName("email-it-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
        JsonNode sample = EventJson.parse(EventLoader.loadSQSEvent(SAMPLE).getRecords().get(0).getBody());
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        sample.get("MessageAttributes").properties().forEach(e -> attributes.put(e.getKey(),
                MessageAttributeValue.builder().dataType("String").stringValue(e.getValue().get("Value").asText()).build()));
        sns.publish(b -> b.topicArn(topicArn).message(sample.get("Message").asText()).messageAttributes(attributes));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!got.isEmpty()) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId(got.get(0).messageId());
                m.setBody(got.get(0).body());
                return m;
            }
        }
        throw new AssertionError("the notification did not reach the subscribed queue within 10 s");
    }

    private static SQSEvent batchOf(SQSEvent.SQSMessage m) {
        SQSEvent e = new SQSEvent();
        e.setRecords(new ArrayList<>(List.of(m)));
        return e;
    }

    @Test
    void sendsOneEmailThroughSesForARealSnsDeliveryEvenWhenDeliveredTwice() {
        EmailSenderHandler handler = new EmailSenderHandler();
        long before = Math.round(ses.getSendQuota().sentLast24Hours());

        SQSBatchResponse first = handler.handleRequest(batchOf(delivered), null);
        SQSBatchResponse second = new EmailSenderHandler().handleRequest(batchOf(delivered), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(Math.round(ses.getSendQuota().sentLast24Hours())).isEqualTo(before + 1);
        Notification n = Notification.fromSnsEnvelope(delivered.getBody());
        Map<String, AttributeValue> record = AwsClients.dynamo().getItem(b -> b.tableName(idempotencyTable)
                .key(Map.of("id", AttributeValue.fromS("email-sender#" + n.notificationId())))).item();
        assertThat(record.get("status").s()).isEqualTo("COMPLETED");
        assertThat(record.get("result").s()).isNotBlank().doesNotStartWith("skipped");
    }
}
