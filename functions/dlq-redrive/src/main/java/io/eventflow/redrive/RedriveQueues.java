package io.eventflow.redrive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue operations a redrive needs: SQS in production ({@link SqsRedriveQueues}), an in-memory twin in
 * unit tests; one contract suite keeps them alike.
 */
public interface RedriveQueues {

    /** @throws io.eventflow.events.PermanentException when there is no such queue */
    String urlOf(String queueName);

    /**
     * The URL of the queue with this ARN ({@code arn:<partition>:sqs:<region>:<account>:<name>}), e.g. the
     * TARGET_ARN of an EventBridge dead letter.
     *
     * @throws io.eventflow.events.PermanentException when the ARN is no SQS queue ARN or there is no such queue
     */
    String urlOfArn(String queueArn);

    String arnOf(String queueUrl);

    /** Queues whose RedrivePolicy names this queue as their dead-letter queue (ListDeadLetterSourceQueues). */
    List<String> deadLetterSourceUrls(String dlqUrl);

    /** Up to {@code max} (1..10) messages, hidden for {@code visibility}; empty when none is visible. */
    List<QueueMessage> receive(String queueUrl, int max, Duration visibility);

    /** Makes a received message visible again now. */
    void release(String queueUrl, String receiptHandle);

    /** Keeps a received message hidden for {@code visibility} from now (ChangeMessageVisibility). */
    void hide(String queueUrl, String receiptHandle, Duration visibility);

    /** Sends a copy (body and message attributes); throws when it was not accepted. */
    void send(String queueUrl, QueueMessage message);

    void delete(String queueUrl, String receiptHandle);

    /** ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible: visible and in-flight messages. */
    long approximateDepth(String queueUrl);

    /**
     * StartMessageMoveTask from a DLQ to a queue.
     *
     * @return the task handle, or empty when the endpoint does not support message move tasks (emulators)
     */
    Optional<String> startMoveTask(String sourceArn, String destinationArn);

    /** The latest move task of this source queue (ListMessageMoveTasks). */
    MoveTask moveTask(String sourceArn);

    /** One message as received. {@code attributes} are the message attributes, copied on redrive. */
    record QueueMessage(
            String messageId,
            String receiptHandle,
            String body,
            int receiveCount,
            Instant sentAt,
            Map<String, Attribute> attributes) {
        public QueueMessage {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** A message attribute: String/Number types carry stringValue, Binary types binaryValue. */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
        public static Attribute string(String value) {
            return new Attribute("String", value, null);
        }
    }

    /** status: RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED. */
    record MoveTask(String status, long moved, long toMove, String failureReason) {
        public boolean running() {
            return "RUNNING".equals(status) || "CANCELLING".equals(status);
        }
    }
}
