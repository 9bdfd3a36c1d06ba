package io.eventflow.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.Emulator;
import io.eventflow.emulator.EmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * End to end on the emulator: a message fails maxReceiveCount times, lands in the DLQ through the queue's
 * RedrivePolicy, is inspected, and redriven back to the source (found with ListDeadLetterSourceQueues).
 */
@ExtendWith(EmulatorExtension.class)
class DlqRedriveIT {
    private static SqsClient sqs;
    private static DlqRedriveHandler handler;

    @BeforeAll
    static void clients() {
        sqs = AwsClients.configure(SqsClient.builder()).build();
        handler = new DlqRedriveHandler(new DlqRedrive(new SqsRedriveQueues(sqs), d -> sleep(d.toMillis())));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Message> drain(String url) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // three empty long polls in a row: nothing left
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(60)
                            .messageAttributeNames("All"))
                    .messages();
            out.addAll(got);
            if (!got.isEmpty()) {
                i = -1;
            }
        }
        return out;
    }

    @Test
    void aPoisonMessageIsDeadLetteredInspectedAndRedrivenBackExactlyOnce() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dlqName = "redrive-it-dlq-" + suffix;
        String dlq = SqsRedriveQueuesIT.create(sqs, dlqName, null, 0);
        String source = SqsRedriveQueuesIT.create(sqs, "redrive-it-src-" + suffix, dlq, 2);
        String body = DeadLetters.orderPlacedEvent();
        sqs.sendMessage(b -> b.queueUrl(source)
                .messageBody(body)
                .messageAttributes(Map.of(
                        "traceId",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("t-1")
                                .build())));
        // a consumer that keeps failing: received maxReceiveCount times, never deleted
        for (int i = 0; i < 2; i++) {
            assertThat(sqs.receiveMessage(
                                    b -> b.queueUrl(source).visibilityTimeout(0).waitTimeSeconds(1))
                            .messages())
                    .hasSize(1);
        }
        assertThat(sqs.receiveMessage(
                                b -> b.queueUrl(source).visibilityTimeout(0).waitTimeSeconds(1))
                        .messages())
                .isEmpty();

        Map<String, Object> inspection = handler.handleRequest(Map.of("dlqName", dlqName, "inspectOnly", true), null);
        assertThat((List<?>) inspection.get("messages")).hasSize(1);
        assertThat(inspection.toString()).doesNotContain("ada@example.com");

        Map<String, Object> report = handler.handleRequest(Map.of("dlqName", dlqName), null);

        String engine = Emulator.shared().engine();
        System.out.println("[dlq-redrive IT] redrive path on " + engine + ": " + report.get("method"));
        assertThat(report)
                .containsEntry("moved", 1L)
                .containsEntry("failed", 0L)
                .containsEntry("remaining", 0L)
                .containsEntry("sourceQueueUrl", source);
        switch (engine) {
            case "moto" -> {
                // Named, not hidden: moto 5.2.1 has no StartMessageMoveTask, so only the fallback is tested here.
                assertThat(report.get("method")).isEqualTo(Reports.RECEIVE_SEND_DELETE);
                System.out.println(
                        "[engine limit] moto: no SQS StartMessageMoveTask; `redrive` ran its receive-send-delete "
                                + "fallback (the move task is tested on localstack)");
            }
            case "localstack" -> assertThat(report.get("method")).isEqualTo(Reports.MOVE_TASK);
            default -> assertThat(report.get("method")).isIn(Reports.MOVE_TASK, Reports.RECEIVE_SEND_DELETE);
        }
        List<Message> back = drain(source);
        assertThat(back).hasSize(1);
        assertThat(back.get(0).body()).isEqualTo(body);
        assertThat(back.get(0).messageAttributes().get("traceId").stringValue()).isEqualTo("t-1");
        assertThat(drain(dlq)).isEmpty();
    }
}
