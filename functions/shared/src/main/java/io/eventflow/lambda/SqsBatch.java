package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.Deadlines;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Failures;
import io.eventflow.idempotency.Redelivery;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.metrics.Metrics;
import io.eventflow.notification.Notification;
import io.eventflow.verify.UnverifiedEventException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQS side of every consumer: each message is handled on its own; a failure is reported as a batch
 * item failure (ReportBatchItemFailures) so only that message comes back. A permanent failure (poison
 * message) is logged with its reason and also reported: the queue's redrive policy moves it to the DLQ
 * after maxReceiveCount receives, without holding up the rest of the batch.
 *
 * <p>Deadline: a message is started only while more than {@link #DEADLINE_MARGIN} of the invocation remains
 * ({@link Context#getRemainingTimeInMillis()}); the rest of the batch is reported as failures without being
 * touched, so it comes back after its visibility timeout. A function timeout would fail the whole batch,
 * the messages already handled included.
 *
 * <p>Provider circuit breaker ({@link ProviderGate}, optional): while the provider's breaker is open, a message is
 * parsed (poison still fails and goes to its DLQ) but not handled; it is made invisible for the breaker's deferral
 * ({@link MessageDelay}) and reported as a failure, so
 * it waits on its queue instead of being retried every visibility timeout. A retryable failure after which the
 * breaker is open (the failure that opened it, a failed probe) is deferred the same way. Each deferral is one
 * receive: the deferral grows with ApproximateReceiveCount so that maxReceiveCount receives span a long outage.
 */
public final class SqsBatch {
    /** Time kept for one more message's SDK calls to fail cleanly and for the response to be returned. */
    public static final Duration DEADLINE_MARGIN = Deadlines.SQS_STOP_MARGIN;

    private final JsonLog log;
    private final Clock clock;
    private final String consumer;
    private final ProviderGate gate;
    private final MessageDelay delay;

    public SqsBatch(String consumer, Clock clock) {
        this(consumer, clock, null, null);
    }

    /** A consumer of an outside provider: messages wait on the queue while {@code gate} is open. */
    public SqsBatch(String consumer, Clock clock, ProviderGate gate, MessageDelay delay) {
        if ((gate == null) != (delay == null)) {
            throw new IllegalArgumentException("a provider gate needs a message delay, and the reverse");
        }
        this.consumer = consumer;
        this.clock = clock;
        this.log = JsonLog.of(consumer);
        this.gate = gate;
        this.delay = delay;
    }

    /** Messages whose body is an EventBridge event carrying an envelope (rule target queues), no deadline. */
    public SQSBatchResponse process(SQSEvent event, Consumer<EventEnvelope> handler) {
        return process(event, null, handler);
    }

    /** As {@link #process(SQSEvent, Consumer)}, stopping {@link #DEADLINE_MARGIN} before the context's deadline. */
    public SQSBatchResponse process(SQSEvent event, Context context, Consumer<EventEnvelope> handler) {
        return each(event, context, body -> {
            EventEnvelope envelope = EventBridgeMessages.envelope(body);
            LogContext.set(envelope.correlationId(), envelope.eventId(), envelope.eventType());
            requireGateOpen();
            handler.accept(envelope);
            Metrics.processingLag(consumer, envelope, clock);
        });
    }

    /** Messages whose body is an SNS envelope carrying a {@link Notification} (topic subscription queues). */
    public SQSBatchResponse processNotifications(SQSEvent event, Consumer<Notification> handler) {
        return processNotifications(event, null, handler);
    }

    /** As {@link #processNotifications(SQSEvent, Consumer)}, stopping {@link #DEADLINE_MARGIN} before the deadline. */
    public SQSBatchResponse processNotifications(SQSEvent event, Context context, Consumer<Notification> handler) {
        return each(event, context, body -> {
            Notification n = Notification.fromSnsEnvelope(body);
            LogContext.set(n.correlationId(), n.eventId(), n.notificationType());
            requireGateOpen();
            handler.accept(n);
        });
    }

    /**
     * Messages whose body is anything else (e.g. a Lambda OnFailure record), each given to {@code handler} as
     * received, stopping {@link #DEADLINE_MARGIN} before the context's deadline.
     */
    public SQSBatchResponse processBodies(SQSEvent event, Context context, Consumer<String> handler) {
        return each(event, context, handler);
    }

    private SQSBatchResponse each(SQSEvent event, Context context, Consumer<String> handleBody) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage message = records.get(i);
            if (context != null && context.getRemainingTimeInMillis() <= DEADLINE_MARGIN.toMillis()) {
                deferRest(records.subList(i, records.size()), context, failures);
                break;
            }
            LogContext.clear();
            try {
                Redelivery.during(redelivered(message), () -> handleBody.accept(message.getBody()));
            } catch (UnverifiedEventException e) {
                // Changes nothing; counted, and dead-lettered after maxReceiveCount receives like any poison message.
                Metrics.unverified(consumer, clock);
                log.warn(
                        "unverified message; it changes nothing and will go to the DLQ",
                        e,
                        "reason",
                        UnverifiedEventException.REASON,
                        "messageId",
                        message.getMessageId());
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId())
                        .build());
            } catch (RuntimeException e) {
                boolean retryable = Failures.isRetryable(e);
                if (retryable && gate != null && !gate.permitsCall()) {
                    if (!(e instanceof CircuitOpenException)) {
                        log.warn(
                                "message failed and the provider circuit is open",
                                e,
                                "messageId",
                                message.getMessageId());
                    }
                    defer(message, failures);
                    continue;
                }
                log.warn(
                        retryable ? "message failed; it will be retried" : "poison message; it will go to the DLQ",
                        e,
                        "messageId",
                        message.getMessageId(),
                        "receiveCount",
                        message.getAttributes() == null
                                ? null
                                : message.getAttributes().get("ApproximateReceiveCount"));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId())
                        .build());
            } finally {
                LogContext.clear();
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * Checked once the message is parsed (poison fails before it, and is never deferred: it must reach its DLQ) and
     * before any work: while the provider's breaker is open the message is deferred untouched.
     */
    private void requireGateOpen() {
        if (gate != null && !gate.permitsCall()) {
            throw new CircuitOpenException("the provider");
        }
    }

    /** Out of sight for the gate's deferral, then reported as a failure (returned to the queue, not deleted). */
    private void defer(SQSEvent.SQSMessage message, List<SQSBatchResponse.BatchItemFailure> failures) {
        int receives = receiveCount(message);
        Duration wait = gate.deferral(receives);
        try {
            delay.delay(message, wait);
            log.info(
                    "provider circuit open; message waits on its queue",
                    "messageId",
                    message.getMessageId(),
                    "receiveCount",
                    receives,
                    "delaySeconds",
                    wait.toSeconds());
        } catch (RuntimeException e) {
            log.warn(
                    "provider circuit open; the message could not be delayed and comes back after its visibility timeout",
                    e,
                    "messageId",
                    message.getMessageId(),
                    "receiveCount",
                    receives);
        }
        failures.add(SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build());
    }

    /** ApproximateReceiveCount, 1 when absent or unreadable. */
    static int receiveCount(SQSEvent.SQSMessage message) {
        String count =
                message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Received before (ApproximateReceiveCount > 1): most likely handled already; see {@link Redelivery}. */
    static boolean redelivered(SQSEvent.SQSMessage message) {
        return receiveCount(message) > 1; // a hint only: unreadable counts as a first receive
    }

    private void deferRest(
            List<SQSEvent.SQSMessage> rest, Context context, List<SQSBatchResponse.BatchItemFailure> failures) {
        LogContext.clear();
        log.warn(
                "invocation deadline near; messages left for their next delivery",
                null,
                "unprocessed",
                rest.size(),
                "remainingMs",
                context.getRemainingTimeInMillis(),
                "marginMs",
                DEADLINE_MARGIN.toMillis());
        rest.forEach(m -> failures.add(SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(m.getMessageId())
                .build()));
    }
}
