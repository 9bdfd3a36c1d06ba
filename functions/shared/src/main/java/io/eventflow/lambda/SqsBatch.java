package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Failures;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.metrics.Metrics;
import io.eventflow.notification.Notification;
import io.eventflow.verify.UnverifiedEventException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQS side of every consumer: each message is handled on its own; a failure is reported as a batch
 * item failure (ReportBatchItemFailures) so only that message comes back. A permanent failure (poison
 * message) is logged with its reason and also reported: the queue's redrive policy moves it to the DLQ
 * after maxReceiveCount receives, without holding up the rest of the batch.
 */
public final class SqsBatch {
    private final JsonLog log;
    private final Clock clock;
    private final String consumer;

    public SqsBatch(String consumer, Clock clock) {
        this.consumer = consumer;
        this.clock = clock;
        this.log = JsonLog.of(consumer);
    }

    /** Messages whose body is an EventBridge event carrying an envelope (rule target queues). */
    public SQSBatchResponse process(SQSEvent event, Consumer<EventEnvelope> handler) {
        return each(event, body -> {
            EventEnvelope envelope = EventBridgeMessages.envelope(body);
            LogContext.set(envelope.correlationId(), envelope.eventId(), envelope.eventType());
            handler.accept(envelope);
            Metrics.processingLag(consumer, envelope, clock);
        });
    }

    /** Messages whose body is an SNS envelope carrying a {@link Notification} (topic subscription queues). */
    public SQSBatchResponse processNotifications(SQSEvent event, Consumer<Notification> handler) {
        return each(event, body -> {
            Notification n = Notification.fromSnsEnvelope(body);
            LogContext.set(n.correlationId(), n.eventId(), n.notificationType());
            handler.accept(n);
        });
    }

    private SQSBatchResponse each(SQSEvent event, Consumer<String> handleBody) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            LogContext.clear();
            try {
                handleBody.accept(message.getBody());
            } catch (UnverifiedEventException e) {
                // Changes nothing; counted, and dead-lettered after maxReceiveCount receives like any poison message.
                Metrics.unverified(consumer, clock);
                log.warn("unverified message; it changes nothing and will go to the DLQ", e, "reason",
                        UnverifiedEventException.REASON, "messageId", message.getMessageId());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            } catch (RuntimeException e) {
                boolean retryable = Failures.isRetryable(e);
                log.warn(retryable ? "message failed; it will be retried" : "poison message; it will go to the DLQ",
                        e, "messageId", message.getMessageId(), "receiveCount",
                        message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount"));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            } finally {
                LogContext.clear();
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
