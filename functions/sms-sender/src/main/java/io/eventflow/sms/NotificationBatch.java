package io.eventflow.sms;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.Failures;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQS side for a queue subscribed to the notification topic: each message handled on its own, a failure
 * (poison or not) reported as a batch item failure so only that message comes back (the redrive policy
 * dead-letters a poison message after maxReceiveCount).
 */
final class NotificationBatch {
    private final JsonLog log;

    NotificationBatch(String consumer) {
        this.log = JsonLog.of(consumer);
    }

    SQSBatchResponse process(SQSEvent event, Consumer<Notification> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            LogContext.clear();
            try {
                Notification n = Notification.fromSqsBody(message.getBody());
                LogContext.set(n.correlationId(), n.eventId(), n.notificationType());
                handler.accept(n);
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
