package io.eventflow.replay;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The failure-queue contract on an SQS queue of the emulator, through the SDK adapter. */
@ExtendWith(EmulatorExtension.class)
class SqsFailureRecordsIT extends FailureRecordsContract {
    private static final SqsClient SQS =
            AwsClients.configure(SqsClient.builder()).build();
    private String queueUrl;
    private SqsFailureRecords records;

    @BeforeEach
    void queue() {
        queueUrl = SQS.createQueue(b -> b.queueName(
                        "relay-failures-it-" + UUID.randomUUID().toString().substring(0, 8)))
                .queueUrl();
        String arn = SQS.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        records = SqsFailureRecords.ofArn(SQS, arn); // as the handler builds it from RELAY_FAILURE_QUEUE_ARN
    }

    @Override
    protected FailureRecords records() {
        return records;
    }

    @Override
    protected void send(String body) {
        SQS.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    @Override
    protected int remaining() {
        var attrs = SQS.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return List.of(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                .stream()
                .mapToInt(a -> Integer.parseInt(attrs.get(a)))
                .sum();
    }
}
