package io.eventflow.redrive;

import io.eventflow.events.PermanentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** {@link RedriveQueues} on SQS. */
public final class SqsRedriveQueues implements RedriveQueues {
    /**
     * Error codes with which endpoints without message move tasks answer (emulators, old LocalStack), and with
     * which SQS refuses a move task for this pair of queues (e.g. a DLQ that is no RedrivePolicy target, such
     * as an EventBridge target DLQ): receive-send-delete still works there.
     */
    static final Set<String> UNSUPPORTED_CODES = Set.of(
            "UnsupportedOperation",
            "InvalidAction",
            "UnknownOperationException",
            "UnknownOperation",
            "NotImplemented",
            "InvalidParameterValue");

    private final SqsClient sqs;
    private final SqsClient moveTaskClient;
    /** Set once the endpoint showed it has no move tasks at all: later redrives go straight to the fallback. */
    private volatile boolean moveTasksMissing;

    public SqsRedriveQueues(SqsClient sqs) {
        this(sqs, sqs);
    }

    /** @param moveTaskClient the same endpoint without SDK retries: a bare 500 (no such action) is answered once */
    public SqsRedriveQueues(SqsClient sqs, SqsClient moveTaskClient) {
        this.sqs = sqs;
        this.moveTaskClient = moveTaskClient;
    }

    /** Priming: one GetQueueUrl of a queue no deployment has, through the full request path (an error answer). */
    public static void prime(SqsClient sqs) {
        io.eventflow.priming.Priming.call(() -> sqs.getQueueUrl(b ->
                b.queueName("eventflow-priming-none").overrideConfiguration(io.eventflow.priming.Priming.request())));
    }

    @Override
    public String urlOf(String queueName) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new PermanentException("queue " + queueName + " does not exist");
        }
    }

    @Override
    public String urlOfArn(String queueArn) {
        QueueArn arn = QueueArn.parse(queueArn);
        try {
            return sqs.getQueueUrl(b -> b.queueName(arn.name()).queueOwnerAWSAccountId(arn.account()))
                    .queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new PermanentException("queue " + queueArn + " does not exist");
        }
    }

    @Override
    public String arnOf(String queueUrl) {
        try {
            return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
        } catch (QueueDoesNotExistException e) {
            throw new PermanentException("queue " + queueUrl + " does not exist");
        }
    }

    @Override
    public List<String> deadLetterSourceUrls(String dlqUrl) {
        List<String> out = new ArrayList<>();
        sqs.listDeadLetterSourceQueuesPaginator(b -> b.queueUrl(dlqUrl))
                .queueUrls()
                .forEach(out::add);
        return out;
    }

    @Override
    public List<QueueMessage> receive(String queueUrl, int max, Duration visibility) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .visibilityTimeout((int) visibility.toSeconds())
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP)
                        .messageAttributeNames("All"))
                .messages();
        return messages.stream().map(SqsRedriveQueues::toQueueMessage).toList();
    }

    private static QueueMessage toQueueMessage(Message m) {
        Map<MessageSystemAttributeName, String> sys = m.attributes();
        int count = Integer.parseInt(sys.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        String sent = sys.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        Map<String, Attribute> attributes = new HashMap<>();
        m.messageAttributes()
                .forEach((k, v) -> attributes.put(
                        k,
                        new Attribute(
                                v.dataType(),
                                v.stringValue(),
                                v.binaryValue() == null ? null : v.binaryValue().asByteArray())));
        return new QueueMessage(
                m.messageId(),
                m.receiptHandle(),
                m.body(),
                count,
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                attributes);
    }

    @Override
    public void release(String queueUrl, String receiptHandle) {
        sqs.changeMessageVisibility(
                b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(0));
    }

    @Override
    public void hide(String queueUrl, String receiptHandle, Duration visibility) {
        sqs.changeMessageVisibility(
                b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout((int) visibility.toSeconds()));
    }

    @Override
    public void send(String queueUrl, QueueMessage message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.attributes()
                .forEach((k, a) -> attributes.put(
                        k,
                        MessageAttributeValue.builder()
                                .dataType(a.dataType())
                                .stringValue(a.stringValue())
                                .binaryValue(a.binaryValue() == null ? null : SdkBytes.fromByteArray(a.binaryValue()))
                                .build()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes));
    }

    @Override
    public void delete(String queueUrl, String receiptHandle) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle));
    }

    @Override
    public long approximateDepth(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    @Override
    public Optional<String> startMoveTask(String sourceArn, String destinationArn) {
        if (moveTasksMissing) {
            return Optional.empty();
        }
        try {
            return Optional.of(moveTaskClient
                    .startMessageMoveTask(b -> b.sourceArn(sourceArn).destinationArn(destinationArn))
                    .taskHandle());
        } catch (AwsServiceException e) {
            if (unsupported(e)) {
                // Remembered only when the action itself is missing; a refusal for this pair of queues is not.
                moveTasksMissing = actionMissing(e);
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The endpoint lacks the action (not: refuses it for these queues). */
    static boolean actionMissing(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return !"InvalidParameterValue".equals(code) && unsupported(e);
    }

    /**
     * AWS always names its errors; an unnamed 5xx is an endpoint that has no such action (moto 5.2.1 answers
     * StartMessageMoveTask with a bare HTTP 500).
     */
    static boolean unsupported(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        boolean unnamed = code == null || code.isBlank();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return (!unnamed && UNSUPPORTED_CODES.contains(code))
                || e.statusCode() == 501
                || (unnamed && e.statusCode() >= 500)
                || message.contains("not been implemented")
                || message.contains("not implemented")
                || message.contains("unknown operation")
                || message.contains("not supported");
    }

    @Override
    public MoveTask moveTask(String sourceArn) {
        List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(
                        b -> b.sourceArn(sourceArn).maxResults(1))
                .results();
        if (tasks.isEmpty()) {
            return new MoveTask("NONE", 0, 0, null);
        }
        ListMessageMoveTasksResultEntry t = tasks.get(0);
        return new MoveTask(
                t.status(),
                orZero(t.approximateNumberOfMessagesMoved()),
                orZero(t.approximateNumberOfMessagesToMove()),
                t.failureReason());
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
