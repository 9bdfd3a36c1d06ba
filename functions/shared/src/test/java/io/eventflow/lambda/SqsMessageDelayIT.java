package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SqsMessageDelay through the real SDK against the emulator: a delayed message stays out of sight. */
@ExtendWith(EmulatorExtension.class)
class SqsMessageDelayIT {
    private static SqsClient sqs;
    private static String url;
    private static String arn;

    @BeforeAll
    static void queue() {
        sqs = AwsClients.configure(SqsClient.builder()).build();
        // a 1 s visibility timeout: without the delay the message would be back at once
        url = sqs.createQueue(b -> b.queueName("delay-it-" + UUID.randomUUID())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    @AfterAll
    static void close() {
        sqs.deleteQueue(b -> b.queueUrl(url));
        sqs.close();
    }

    private static List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    /** As Lambda hands it over: receipt handle and the queue's ARN. */
    private static SQSEvent.SQSMessage asLambdaRecord(Message m) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setEventSourceArn(arn);
        return r;
    }

    @Test
    void aDelayedMessageStaysOutOfSightThenComesBackWithItsReceiveCounted() {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"order\":\"ORD-1\"}"));
        List<Message> first = receive();
        assertThat(first).hasSize(1);
        SqsMessageDelay delay = new SqsMessageDelay(sqs);

        delay.delay(asLambdaRecord(first.get(0)), Duration.ofSeconds(60));

        // well past the queue's 1 s visibility timeout, the message is still out of sight
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receive().isEmpty());

        delay.delay(asLambdaRecord(first.get(0)), Duration.ZERO);
        List<Message> again =
                await().atMost(Duration.ofSeconds(10)).until(SqsMessageDelayIT::receive, l -> !l.isEmpty());
        assertThat(again.get(0).messageId()).isEqualTo(first.get(0).messageId());
        assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.get(0).receiptHandle()));
    }
}
