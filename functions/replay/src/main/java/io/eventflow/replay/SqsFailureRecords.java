package io.eventflow.replay;

import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link FailureRecords} on an SQS queue (ReceiveMessage with a visibility timeout, DeleteMessage). */
public final class SqsFailureRecords implements FailureRecords {
    /** ReceiveMessage returns at most 10 messages. */
    public static final int MAX_PER_RECEIVE = 10;

    private final SqsClient sqs;
    private final java.util.function.Supplier<String> url;
    private volatile String queueUrl;

    public SqsFailureRecords(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.url = () -> queueUrl;
    }

    private SqsFailureRecords(SqsClient sqs, java.util.function.Supplier<String> url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * The queue of an ARN (as template.yaml passes it: a queue URL cannot be referenced before the queue exists
     * locally), its URL asked on first use (GetQueueUrl), not during init.
     */
    public static SqsFailureRecords ofArn(SqsClient sqs, String queueArn) {
        EventBridgeReplayBus.Arn arn = EventBridgeReplayBus.Arn.parse(queueArn);
        if (!"sqs".equals(arn.service())) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return new SqsFailureRecords(
                sqs,
                () -> sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.account()))
                        .queueUrl());
    }

    private String queueUrl() {
        String u = queueUrl;
        if (u == null) {
            u = url.get();
            queueUrl = u;
        }
        return u;
    }

    @Override
    public List<Received> receive(int max, int hiddenSeconds) {
        int n = Math.max(1, Math.min(MAX_PER_RECEIVE, max));
        // An empty answer ends the recovery: a 1 s long poll asks every SQS server (a short poll samples some).
        return sqs
                .receiveMessage(b -> b.queueUrl(queueUrl())
                        .maxNumberOfMessages(n)
                        .visibilityTimeout(hiddenSeconds)
                        .waitTimeSeconds(1))
                .messages()
                .stream()
                .map(m -> new Received(m.messageId(), m.receiptHandle(), m.body()))
                .toList();
    }

    @Override
    public void release(Received record) {
        sqs.changeMessageVisibility(
                b -> b.queueUrl(queueUrl()).receiptHandle(record.handle()).visibilityTimeout(0));
    }

    @Override
    public void delete(Received record) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl()).receiptHandle(record.handle()));
    }
}
