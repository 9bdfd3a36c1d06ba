package io.eventflow.redrive;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the DLQ operations answer. */
public final class Reports {
    private Reports() {}

    public static final String MOVE_TASK = "StartMessageMoveTask";
    public static final String RECEIVE_SEND_DELETE = "receive-send-delete";

    /**
     * One dead letter as an operator may see it (no customer data). {@code target}: the rule target it failed
     * for (EventBridge's TARGET_ARN attribute), where a redrive sends it; null for a queue's own dead letters.
     */
    public record DeadLetter(
            String messageId,
            int receiveCount,
            Instant sentAt,
            String bodyPreview,
            String failureReason,
            String target) {}

    public record Inspection(String dlqUrl, long approximateDepth, List<DeadLetter> messages) {
        public Inspection {
            messages = List.copyOf(messages);
        }
    }

    /**
     * @param moved     messages now in the source queue (for a move task still running: moved so far)
     * @param failed    messages that could not be sent back (they stay in the DLQ)
     * @param skipped   messages left in the DLQ on purpose: their TARGET_ARN names another queue than the
     *                  {@code sourceQueueUrl} asked for, is no SQS queue, or there is none and no default
     * @param remaining messages still in the DLQ at the end, visible or in flight (approximate)
     * @param complete  false when the run stopped early (time, or a move task still running)
     * @param movedTo   how many went to each queue (URL)
     */
    public record Redrive(
            String method,
            String dlqUrl,
            String sourceQueueUrl,
            long moved,
            long failed,
            long skipped,
            long remaining,
            boolean complete,
            Map<String, Long> movedTo) {
        public Redrive {
            movedTo = Map.copyOf(movedTo);
        }
    }
}
