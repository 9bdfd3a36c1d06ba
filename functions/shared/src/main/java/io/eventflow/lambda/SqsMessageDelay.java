package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link MessageDelay} on SQS ChangeMessageVisibility with the receipt handle Lambda handed over. The queue URL is
 * looked up once per queue from the record's eventSourceARN ({@code arn:aws:sqs:region:account:name}) with
 * GetQueueUrl, so neither the account nor the endpoint is written down.
 */
public final class SqsMessageDelay implements MessageDelay {
    /** ChangeMessageVisibility accepts 0 to 43,200 s (12 h). */
    static final Duration MAX = Duration.ofHours(12);

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsMessageDelay(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void delay(SQSEvent.SQSMessage message, Duration visibility) {
        String url = urls.computeIfAbsent(message.getEventSourceArn(), this::urlOf);
        long seconds = Math.max(0, Math.min(MAX.toSeconds(), visibility.toSeconds()));
        sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(message.getReceiptHandle()).visibilityTimeout((int) seconds));
    }

    private String urlOf(String queueArn) {
        String[] parts = queueArn == null ? new String[0] : queueArn.split(":", 6);
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4]))
                .queueUrl();
    }
}
