package io.eventflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.events.EventJson;
import io.eventflow.notifier.InMemoryNotifier.Published;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The notifier contract through SNS on the emulator: a topic with an SQS subscription without raw message
 * delivery (like EmailQueue/SmsQueue), so each message read back is the SNS envelope.
 */
@ExtendWith(EmulatorExtension.class)
class SnsNotifierIT extends NotifierContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SnsNotifier notifier;
    private static SqsClient sqs;
    private static String queueUrl;
    private static final List<Published> arrived = new ArrayList<>();

    @BeforeAll
    static void createTopicAndSubscription() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SnsClient sns = AwsClients.configure(SnsClient.builder()).build();
        sqs = AwsClients.configure(SqsClient.builder()).build();
        String topicArn = sns.createTopic(b -> b.name("notifier-it-" + suffix)).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("notifier-it-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        notifier = new SnsNotifier(sns, topicArn);
    }

    @Override
    protected Notifier notifier() {
        return notifier;
    }

    @Override
    protected List<Published> received(String notificationId, int expected) {
        await(expected + " of notification " + notificationId + " on the queue")
                .atMost(WAIT)
                .pollInSameThread()
                .until(() -> {
                    if (matching(notificationId).size() >= expected) {
                        return true;
                    }
                    for (Message m : sqs.receiveMessage(b ->
                                    b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages()) {
                        JsonNode envelope = EventJson.parse(m.body());
                        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
                        Map<String, String> attributes = new HashMap<>();
                        envelope.path("MessageAttributes")
                                .properties()
                                .forEach(e -> attributes.put(
                                        e.getKey(), e.getValue().path("Value").asText()));
                        arrived.add(new Published(
                                envelope.path("MessageId").asText(),
                                envelope.path("Message").asText(),
                                attributes));
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    }
                    return matching(notificationId).size() >= expected;
                });
        return matching(notificationId);
    }

    private static List<Published> matching(String notificationId) {
        return arrived.stream()
                .filter(p -> notificationId.equals(
                        EventJson.parse(p.message()).path("notificationId").asText()))
                .toList();
    }
}
