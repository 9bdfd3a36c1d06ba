package io.eventflow.redrive;

import io.eventflow.events.PermanentException;
import io.eventflow.log.JsonLog;
import io.eventflow.redrive.RedriveQueues.MoveTask;
import io.eventflow.redrive.RedriveQueues.QueueMessage;
import io.eventflow.redrive.Reports.DeadLetter;
import io.eventflow.redrive.Reports.Inspection;
import io.eventflow.redrive.Reports.Redrive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Inspect a dead-letter queue, or move its messages back to their source queue. Library code: the Lambda
 * handler and a CLI both call it.
 *
 * <p>Redrive uses SQS's own StartMessageMoveTask when it can (all messages, server side). Where the endpoint
 * has no move tasks (emulators), or only part of the DLQ is to move, it falls back to receive → send to the
 * source → delete from the DLQ, in that order: a crash between send and delete leaves the message in both
 * queues (a duplicate, which the idempotent consumers absorb) but never in neither (no loss).
 */
public final class DlqRedrive {
    /** Long enough to send and delete a batch, short enough that an interrupted run's messages come back soon. */
    static final Duration RECEIVE_VISIBILITY = Duration.ofSeconds(30);

    static final Duration MOVE_TASK_POLL = Duration.ofSeconds(2);
    /**
     * SQS's longest visibility timeout is 12 hours, counted from the first receive:
     * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
     * A letter is received at most a few seconds before it is hidden again, hence the 10 minutes of room.
     */
    static final Duration MAX_HIDE = Duration.ofHours(12).minusMinutes(10);
    /** A skipped letter stays hidden this much past the run's end, so the last receives cannot see it either. */
    static final Duration HIDE_PAST_RUN = Duration.ofSeconds(30);
    /**
     * The message attribute EventBridge puts on a rule-target dead letter naming the target it failed for
     * (with RULE_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS):
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
     */
    static final String TARGET_ARN = "TARGET_ARN";

    /**
     * What is left of this run (the Lambda context's remaining time less a safety margin); the run stops receiving
     * when it reaches zero.
     */
    @FunctionalInterface
    public interface Budget {
        /** A run with no deadline (a CLI run, tests): as long as a letter can be hidden at all. */
        Budget UNLIMITED = () -> MAX_HIDE;

        Duration remaining();

        default boolean exhausted() {
            Duration left = remaining();
            return left.isZero() || left.isNegative();
        }
    }

    /** Waits between move-task polls; tests pass a no-op. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d);
    }

    private static final JsonLog LOG = JsonLog.of("dlq-redrive");

    private final RedriveQueues queues;
    private final Sleeper sleeper;

    public DlqRedrive(RedriveQueues queues, Sleeper sleeper) {
        this.queues = queues;
        this.sleeper = sleeper;
    }

    public Object run(RedriveRequest r, Budget budget) {
        String dlqUrl = r.dlqUrl() != null && !r.dlqUrl().isBlank() ? r.dlqUrl() : queues.urlOf(r.dlqName());
        if (r.inspectOnly()) {
            return inspect(dlqUrl, r.maxMessages() == null ? RedriveRequest.DEFAULT_INSPECT : r.maxMessages());
        }
        return redrive(dlqUrl, r.sourceQueueUrl(), r.maxMessages(), budget);
    }

    /**
     * Shows up to {@code max} dead letters and makes them visible again at once. Receiving counts as a
     * receive on the DLQ (ApproximateReceiveCount grows), which is harmless there: DLQs have no redrive policy.
     */
    public Inspection inspect(String dlqUrl, int max) {
        Map<String, QueueMessage> seen = new LinkedHashMap<>();
        List<QueueMessage> held = new ArrayList<>();
        try {
            while (seen.size() < max) {
                List<QueueMessage> got = queues.receive(dlqUrl, Math.min(10, max - seen.size()), RECEIVE_VISIBILITY);
                if (got.isEmpty()) {
                    break;
                }
                held.addAll(got);
                got.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            }
        } finally {
            held.forEach(m -> queues.release(dlqUrl, m.receiptHandle()));
        }
        List<DeadLetter> letters = seen.values().stream()
                .limit(max)
                .map(m -> new DeadLetter(
                        m.messageId(),
                        m.receiveCount(),
                        m.sentAt(),
                        DeadLetterPreview.bodyPreview(m.body()),
                        DeadLetterPreview.failureReason(m),
                        DeadLetterPreview.target(m)))
                .toList();
        LOG.info("dead letters inspected", "dlqUrl", dlqUrl, "shown", letters.size());
        return new Inspection(dlqUrl, queues.approximateDepth(dlqUrl), letters);
    }

    /**
     * Moves dead letters back. Each goes to the queue it failed for: an EventBridge rule-target dead letter
     * to its TARGET_ARN (one DLQ serves several rules, so there is no single source), any other to
     * {@code sourceUrl} or the one queue whose RedrivePolicy names this DLQ. With {@code sourceUrl} given, only
     * the letters that belong there move; the rest stay (counted in skipped).
     */
    public Redrive redrive(String dlqUrl, String sourceUrl, Integer maxMessages, Budget budget) {
        String given = sourceUrl != null && !sourceUrl.isBlank() ? sourceUrl : null;
        List<String> sources = queues.deadLetterSourceUrls(dlqUrl);
        if (given == null && sources.size() > 1) {
            throw new PermanentException(
                    "several queues use " + dlqUrl + " as DLQ: " + sources + "; pass sourceQueueUrl");
        }
        String fallback = given != null ? given : sources.isEmpty() ? null : sources.get(0);
        long depth = queues.approximateDepth(dlqUrl);
        // A move task sends everything to one queue: only for a queue's own DLQ (all its letters came from it),
        // and only when everything is to move.
        boolean ownDlq = sources.size() == 1 && sources.get(0).equals(fallback);
        if (ownDlq && (maxMessages == null || maxMessages >= depth)) {
            Optional<String> task = queues.startMoveTask(queues.arnOf(dlqUrl), queues.arnOf(fallback));
            if (task.isPresent()) {
                return awaitMoveTask(dlqUrl, fallback, budget);
            }
            LOG.info(
                    "StartMessageMoveTask not supported by this endpoint: falling back to receive-send-delete",
                    "dlqUrl",
                    dlqUrl);
        }
        return receiveSendDelete(
                dlqUrl, fallback, given != null, maxMessages == null ? Long.MAX_VALUE : maxMessages, budget);
    }

    /** Where one dead letter goes, or why it stays. */
    private record Route(String queueUrl, String skipReason) {}

    private Route route(QueueMessage m, String fallback, boolean onlyFallback, Map<String, String> urlsByArn) {
        String target = DeadLetterPreview.target(m);
        if (target == null) {
            return fallback != null
                    ? new Route(fallback, null)
                    : new Route(
                            null,
                            "no " + TARGET_ARN
                                    + " attribute and no queue names this DLQ in its RedrivePolicy: pass sourceQueueUrl");
        }
        String url;
        try {
            url = urlsByArn.computeIfAbsent(target, queues::urlOfArn);
        } catch (RuntimeException e) {
            // no such queue, not an SQS ARN, or not ours to look up (IAM allows the consumer queues only):
            // this letter stays, the others still move
            return new Route(null, TARGET_ARN + " " + target + " cannot be used: " + e.getMessage());
        }
        if (onlyFallback && !url.equals(fallback)) {
            return new Route(null, "it failed for " + url + ", not for the sourceQueueUrl asked for");
        }
        return new Route(url, null);
    }

    private void hideForTheRun(String dlqUrl, QueueMessage m, Budget budget) {
        Duration left = budget.remaining().plus(HIDE_PAST_RUN);
        Duration hide = left.compareTo(MAX_HIDE) > 0
                ? MAX_HIDE
                : left.compareTo(RECEIVE_VISIBILITY) < 0 ? RECEIVE_VISIBILITY : left;
        try {
            queues.hide(dlqUrl, m.receiptHandle(), hide);
        } catch (RuntimeException e) {
            // Still hidden for RECEIVE_VISIBILITY; if it shows again it is counted again, nothing is lost.
            LOG.warn("skipped dead letter not hidden for the run; it may be seen again", e, "messageId", m.messageId());
        }
    }

    private Redrive awaitMoveTask(String dlqUrl, String source, Budget budget) {
        String dlqArn = queues.arnOf(dlqUrl);
        MoveTask task = queues.moveTask(dlqArn);
        while (task.running() && !budget.exhausted()) {
            sleeper.sleep(MOVE_TASK_POLL);
            task = queues.moveTask(dlqArn);
        }
        boolean failed = "FAILED".equals(task.status());
        Redrive report = new Redrive(
                Reports.MOVE_TASK,
                dlqUrl,
                source,
                task.moved(),
                failed ? Math.max(0, task.toMove() - task.moved()) : 0,
                0,
                queues.approximateDepth(dlqUrl),
                !task.running(),
                Map.of(source, task.moved()));
        LOG.info(
                "dead letters redriven",
                "method",
                report.method(),
                "moved",
                report.moved(),
                "status",
                task.status(),
                "failureReason",
                task.failureReason(),
                "remaining",
                report.remaining());
        return report;
    }

    private Redrive receiveSendDelete(String dlqUrl, String fallback, boolean onlyFallback, long max, Budget budget) {
        long moved = 0;
        long failed = 0;
        List<String> skipped = new ArrayList<>();
        Map<String, Long> movedTo = new TreeMap<>();
        Map<String, String> urlsByArn = new HashMap<>();
        boolean complete = true;
        while (moved + failed + skipped.size() < max) {
            if (budget.exhausted()) {
                complete = false;
                break;
            }
            List<QueueMessage> batch = queues.receive(
                    dlqUrl, (int) Math.min(10, max - moved - failed - skipped.size()), RECEIVE_VISIBILITY);
            if (batch.isEmpty()) {
                break;
            }
            for (QueueMessage m : batch) {
                Route route = route(m, fallback, onlyFallback, urlsByArn);
                if (route.queueUrl() == null) {
                    // Hidden for the rest of this run, however long the run takes (the receive hid it for 30 s
                    // only): a skipped letter seen again would be skipped again, over and over. Released at the end.
                    hideForTheRun(dlqUrl, m, budget);
                    skipped.add(m.receiptHandle());
                    LOG.warn(
                            "dead letter left in the DLQ",
                            null,
                            "messageId",
                            m.messageId(),
                            "reason",
                            route.skipReason());
                    continue;
                }
                try {
                    queues.send(route.queueUrl(), m);
                } catch (RuntimeException e) {
                    // Stays in the DLQ (visible again after the visibility timeout).
                    failed++;
                    LOG.warn("dead letter not sent back", e, "messageId", m.messageId(), "queueUrl", route.queueUrl());
                    continue;
                }
                moved++;
                movedTo.merge(route.queueUrl(), 1L, Long::sum);
                // Deleted only once its own queue has accepted the copy: never in neither queue.
                try {
                    queues.delete(dlqUrl, m.receiptHandle());
                } catch (RuntimeException e) {
                    // Already in the source queue; it reappears in the DLQ and would be redriven twice (harmless).
                    LOG.warn(
                            "dead letter sent back but not deleted from the DLQ: it may be delivered twice",
                            e,
                            "messageId",
                            m.messageId());
                }
            }
        }
        for (String receipt : skipped) {
            try {
                queues.release(dlqUrl, receipt);
            } catch (RuntimeException e) {
                LOG.warn("skipped dead letter not released; visible again after the visibility timeout", e);
            }
        }
        Redrive report = new Redrive(
                Reports.RECEIVE_SEND_DELETE,
                dlqUrl,
                fallback,
                moved,
                failed,
                skipped.size(),
                queues.approximateDepth(dlqUrl),
                complete,
                movedTo);
        LOG.info(
                "dead letters redriven",
                "method",
                report.method(),
                "moved",
                moved,
                "failed",
                failed,
                "skipped",
                skipped.size(),
                "remaining",
                report.remaining(),
                "movedTo",
                movedTo.toString());
        return report;
    }
}
