package io.eventflow.testing;

import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a channel queue really receives from SNS: publishes a sample notification (a file of events/) to a new
 * topic as the Notifier does, with its message attributes, and reads the message from a queue subscribed
 * without raw delivery, through the emulator the SDK's endpoint variables name.
 */
public final class SnsSubscriptionDelivery {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private SnsSubscriptionDelivery() {}

    /** The delivered message, as the single record of an SQS event; {@code name} names the topic and queue. */
    public static SQSEvent deliver(String samplePath, String name) {
        SnsClient sns = AwsClients.configure(SnsClient.builder()).build();
        SqsClient sqs = AwsClients.configure(SqsClient.builder()).build();
        String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
        JsonNode sample = EventJson.parse(
                EventLoader.loadSQSEvent(samplePath).getRecords().get(0).getBody());
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        sample.get("MessageAttributes")
                .properties()
                .forEach(e -> attributes.put(
                        e.getKey(),
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(e.getValue().get("Value").asText())
                                .build()));
        sns.publish(b ->
                b.topicArn(topicArn).message(sample.get("Message").asText()).messageAttributes(attributes));
        List<Message> got = await("the notification on the subscribed queue")
                .atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                                .messages(),
                        r -> !r.isEmpty());
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(got.get(0).messageId());
        m.setBody(got.get(0).body());
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(m)));
        return event;
    }
}
