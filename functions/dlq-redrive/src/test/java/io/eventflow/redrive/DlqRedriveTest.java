package io.eventflow.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.PermanentException;
import io.eventflow.redrive.RedriveQueues.QueueMessage;
import io.eventflow.redrive.Reports.DeadLetter;
import io.eventflow.redrive.Reports.Inspection;
import io.eventflow.redrive.Reports.Redrive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DlqRedriveTest {
    private static final Duration HIDE = Duration.ofSeconds(30);

    private InMemoryRedriveQueues queues;
    private String source;
    private String dlq;

    private DlqRedrive redrive(boolean moveTasks) {
        queues = new InMemoryRedriveQueues(moveTasks);
        dlq = queues.createQueue("inventory-dlq", null, 0);
        source = queues.createQueue("inventory", dlq, 3);
        return new DlqRedrive(queues, d -> {});
    }

    private void deadLetters(int n) {
        for (int i = 0; i < n; i++) {
            queues.send(dlq, DeadLetters.message("body-" + i, Map.of("n", RedriveQueues.Attribute.string("" + i))));
        }
    }

    private List<QueueMessage> drain(String url) {
        List<QueueMessage> out = new ArrayList<>();
        for (List<QueueMessage> got = queues.receive(url, 10, HIDE);
                !got.isEmpty();
                got = queues.receive(url, 10, HIDE)) {
            out.addAll(got);
        }
        return out;
    }

    @Test
    void withoutMoveTasksEveryMessageGoesBackOnceWithItsAttributes() {
        DlqRedrive redrive = redrive(false);
        deadLetters(13);

        Redrive report = redrive.redrive(dlq, null, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.method()).isEqualTo(Reports.RECEIVE_SEND_DELETE);
        assertThat(report.sourceQueueUrl()).isEqualTo(source);
        assertThat(report.moved()).isEqualTo(13);
        assertThat(report.failed()).isZero();
        assertThat(report.remaining()).isZero();
        assertThat(report.complete()).isTrue();
        List<QueueMessage> back = drain(source);
        assertThat(back).extracting(QueueMessage::body).hasSize(13).doesNotHaveDuplicates();
        assertThat(back)
                .allSatisfy(m -> assertThat(m.body())
                        .isEqualTo("body-" + m.attributes().get("n").stringValue()));
    }

    @Test
    void withMoveTasksSqsMovesThemServerSide() {
        DlqRedrive redrive = redrive(true);
        deadLetters(3);

        Redrive report = redrive.redrive(dlq, null, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.method()).isEqualTo(Reports.MOVE_TASK);
        assertThat(report.moved()).isEqualTo(3);
        assertThat(report.remaining()).isZero();
        assertThat(drain(source)).hasSize(3);
    }

    @Test
    void aCapBelowTheDepthMovesOnlyThatManyEvenWhereMoveTasksExist() {
        DlqRedrive redrive = redrive(true);
        deadLetters(5);

        Redrive report = redrive.redrive(dlq, null, 2, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.method()).isEqualTo(Reports.RECEIVE_SEND_DELETE);
        assertThat(report.moved()).isEqualTo(2);
        assertThat(report.remaining()).isEqualTo(3);
        assertThat(drain(source)).hasSize(2);
    }

    @Test
    void aMessageThatCannotBeSentBackStaysInTheDlq() {
        DlqRedrive redrive = redrive(false);
        deadLetters(3);
        queues.failNextSends(1);

        Redrive report = redrive.redrive(dlq, null, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.moved()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.remaining()).isEqualTo(1);
        assertThat(drain(source)).hasSize(2);
    }

    @Test
    void nearTheTimeoutItStopsAndSaysSo() {
        DlqRedrive redrive = redrive(false);
        deadLetters(25);
        int[] checks = {0};

        Redrive report =
                redrive.redrive(dlq, null, null, () -> ++checks[0] > 2 ? Duration.ZERO : Duration.ofMinutes(10));

        assertThat(report.moved()).isEqualTo(20);
        assertThat(report.remaining()).isEqualTo(5);
        assertThat(report.complete()).isFalse();
    }

    @Test
    void theSourceQueueMustBeFoundOrGiven() {
        DlqRedrive redrive = redrive(false);
        String lonely = queues.createQueue("lonely-dlq", null, 0);
        queues.createQueue("second", dlq, 3);
        queues.send(lonely, DeadLetters.message("no target", Map.of()));

        Redrive nowhere = redrive.redrive(lonely, null, null, DlqRedrive.Budget.UNLIMITED);
        assertThat(nowhere.moved()).isZero();
        assertThat(nowhere.skipped()).isEqualTo(1);
        assertThat(nowhere.remaining()).isEqualTo(1);
        assertThat(queues.receive(lonely, 10, HIDE)).hasSize(1); // released at once, not hidden for 30 s
        assertThatThrownBy(() -> redrive.redrive(dlq, null, null, DlqRedrive.Budget.UNLIMITED))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("several queues");
        deadLetters(1);
        assertThat(redrive.redrive(dlq, source, null, DlqRedrive.Budget.UNLIMITED)
                        .moved())
                .isEqualTo(1);
    }

    /**
     * A run longer than a receive's 30 s visibility: the letter it skips must not come back during the run, or it is
     * skipped (and counted) again at every receive until the run's time is up.
     */
    @Test
    void aSkippedLetterStaysHiddenForTheWholeRunHoweverLongItTakes() {
        DlqRedrive redrive = redrive(false);
        String lonely = queues.createQueue("lonely-dlq", null, 0);
        queues.send(lonely, DeadLetters.message("no target", Map.of()));
        Duration[] left = {Duration.ofMinutes(10)};

        Redrive report = redrive.redrive(lonely, null, null, () -> {
            queues.advance(Duration.ofSeconds(40)); // each step of the run takes longer than RECEIVE_VISIBILITY
            left[0] = left[0].minusSeconds(40);
            return left[0];
        });

        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.remaining()).isEqualTo(1);
        assertThat(queues.receive(lonely, 10, HIDE))
                .as("released when the run ends")
                .hasSize(1);
    }

    /** One target DLQ serves five rules (template.yaml's EventBusTargetDLQ): each letter goes to its own target. */
    @Test
    void ruleTargetDeadLettersGoBackToTheTargetTheyFailedForNeverToOneQueue() {
        DlqRedrive redrive = redrive(true); // a move task would send all to one queue: it must not be used
        String busDlq = queues.createQueue("bus-target-dlq", null, 0);
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        for (String rule : List.of("inventory", "payment", "order-saga", "shipping", "notification")) {
            String queue = queues.createQueue(rule, null, 0);
            targets.put(rule, queue);
            queues.send(busDlq, DeadLetters.fromRuleTarget(rule, queues.arnOf(queue), "body-" + rule));
        }

        Redrive report = redrive.redrive(busDlq, null, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.method()).isEqualTo(Reports.RECEIVE_SEND_DELETE);
        assertThat(report.moved()).isEqualTo(5);
        assertThat(report.failed()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.remaining()).isZero();
        targets.forEach((rule, queue) -> {
            assertThat(drain(queue)).extracting(QueueMessage::body).containsExactly("body-" + rule);
            assertThat(report.movedTo()).containsEntry(queue, 1L);
        });
    }

    @Test
    void withASourceQueueGivenOnlyItsOwnRuleTargetLettersMoveTheOthersStay() {
        DlqRedrive redrive = redrive(false);
        String busDlq = queues.createQueue("bus-target-dlq", null, 0);
        String inventory = queues.createQueue("inventory-queue", null, 0);
        String payment = queues.createQueue("payment-queue", null, 0);
        queues.send(busDlq, DeadLetters.fromRuleTarget("inventory", queues.arnOf(inventory), "for inventory"));
        queues.send(busDlq, DeadLetters.fromRuleTarget("payment", queues.arnOf(payment), "for payment"));
        queues.send(
                busDlq,
                DeadLetters.fromRuleTarget("gone", "arn:aws:sqs:us-east-1:123456789012:deleted-queue", "orphan"));
        queues.send(
                busDlq,
                DeadLetters.fromRuleTarget(
                        "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", "to a function"));

        Redrive report = redrive.redrive(busDlq, inventory, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(3);
        assertThat(drain(inventory)).extracting(QueueMessage::body).containsExactly("for inventory");
        assertThat(drain(payment)).isEmpty();
        assertThat(drain(busDlq))
                .extracting(QueueMessage::body)
                .containsExactlyInAnyOrder("for payment", "orphan", "to a function");
    }

    @Test
    void aRuleTargetLetterWhoseSendFailsStaysInTheDlq() {
        DlqRedrive redrive = redrive(false);
        String busDlq = queues.createQueue("bus-target-dlq", null, 0);
        String inventory = queues.createQueue("inventory-queue", null, 0);
        queues.send(busDlq, DeadLetters.fromRuleTarget("inventory", queues.arnOf(inventory), "for inventory"));
        queues.failNextSends(1);

        Redrive report = redrive.redrive(busDlq, null, null, DlqRedrive.Budget.UNLIMITED);

        assertThat(report.moved()).isZero();
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.remaining()).isEqualTo(1);
        assertThat(drain(inventory)).isEmpty();
    }

    @Test
    void inspectionShowsReasonsAndMaskedPreviewsAndLeavesTheMessagesThere() {
        DlqRedrive redrive = redrive(false);
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());
        queues.send(dlq, DeadLetters.message(DeadLetters.lambdaOnFailureRecord(), Map.of()));
        queues.send(dlq, DeadLetters.message("not json, mail ada@example.com or call +15550100042", Map.of()));

        Inspection inspection = redrive.inspect(dlq, 10);

        assertThat(inspection.approximateDepth()).isEqualTo(3);
        List<DeadLetter> letters = inspection.messages();
        assertThat(letters).hasSize(3);
        assertThat(letters)
                .extracting(DeadLetter::failureReason)
                .containsExactly(
                        "SQSError: Access to the resource is denied", "RetryAttemptsExhausted: Unhandled", null);
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.bodyPreview())
                    .hasSizeLessThanOrEqualTo(DeadLetterPreview.PREVIEW_CHARS)
                    .doesNotContain("ada@example.com")
                    .doesNotContain("+15550100042")
                    .doesNotContain("5550100042");
            assertThat(l.messageId()).isNotBlank();
            assertThat(l.receiveCount()).isEqualTo(1);
            assertThat(l.sentAt()).isNotNull();
        });
        assertThat(letters.get(0).bodyPreview())
                .startsWith("{\"version\":\"0\"")
                .endsWith("…");
        // released: they can be received (or redriven) right away
        assertThat(queues.receive(dlq, 10, HIDE)).hasSize(3);
    }

    @Test
    void inspectionShowsAtMostMaxMessages() {
        DlqRedrive redrive = redrive(false);
        deadLetters(15);

        assertThat(redrive.inspect(dlq, 12).messages()).hasSize(12);
    }
}
