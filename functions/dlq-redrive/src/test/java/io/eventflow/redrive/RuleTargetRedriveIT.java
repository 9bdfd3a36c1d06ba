package io.eventflow.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * template.yaml's rules share one target DLQ (EventBusTargetDLQ). Dead letters of every rule in it are
 * redriven, each to the queue it failed for (its TARGET_ARN), and none is lost or sent to another consumer.
 *
 * <p>moto keeps a target's DeadLetterConfig but never writes to it (moto/events/models.py), so the test writes
 * the dead letters itself, the way EventBridge documents them: the event as body, and the message attributes
 * RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 */
@ExtendWith(EmulatorExtension.class)
class RuleTargetRedriveIT {
    private static SqsClient sqs;
    private static DlqRedriveHandler handler;

    @BeforeAll
    static void clients() {
        sqs = AwsClients.configure(SqsClient.builder()).build();
        handler = new DlqRedriveHandler(new DlqRedrive(new SqsRedriveQueues(sqs), d -> {}));
    }

    /** A rule of template.yaml, the queue it targets and the DLQ of that target. */
    private record RuleTarget(String rule, String eventType, String targetQueue, String dlq) {}

    @SuppressWarnings("unchecked")
    private static List<RuleTarget> ruleTargets(Template template) {
        List<RuleTarget> out = new ArrayList<>();
        for (String rule : template.logicalIdsOfType("AWS::Events::Rule")) {
            Map<String, Object> props = template.properties(rule, "AWS::Events::Rule");
            String eventType =
                    ((List<String>) ((Map<String, Object>) props.get("EventPattern")).get("detail-type")).get(0);
            for (Map<String, Object> target : (List<Map<String, Object>>) props.get("Targets")) {
                Map<String, Object> dlc = (Map<String, Object>) target.get("DeadLetterConfig");
                out.add(new RuleTarget(
                        rule, eventType, getAtt(target.get("Arn")), dlc == null ? null : getAtt(dlc.get("Arn"))));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String getAtt(Object arn) {
        return ((List<String>) ((Map<String, Object>) arn).get("Fn::GetAtt")).get(0);
    }

    private static String arnOf(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static String event(String eventType, String id) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", eventType);
        event.put("source", "eventflow.test");
        event.putObject("detail").put("eventType", eventType).put("eventId", id);
        return EventJson.write(event);
    }

    private static MessageAttributeValue string(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static List<Message> drain(String url) {
        List<Message> out = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(60)
                            .messageAttributeNames("All"))
                    .messages();
            out.addAll(got);
            empty = got.isEmpty() ? empty + 1 : 0;
        }
        return out;
    }

    @Test
    void deadLettersOfEveryRuleInTheSharedTargetDlqEachReachTheirOwnQueue() throws Exception {
        List<RuleTarget> targets = ruleTargets(Template.project());
        assertThat(targets).hasSize(5).allSatisfy(t -> assertThat(t.dlq()).isEqualTo("EventBusTargetDLQ"));
        String prefix = "rt-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String dlqName = prefix + "EventBusTargetDLQ";
        String dlq = sqs.createQueue(b -> b.queueName(dlqName)).queueUrl();
        Map<String, String> queueOfRule = new HashMap<>();
        Map<String, String> sent = new HashMap<>();
        for (RuleTarget t : targets) {
            // each consumer queue has its own RedrivePolicy DLQ, as in the template: none of them is the bus DLQ
            String ownDlq = sqs.createQueue(b -> b.queueName(prefix + t.targetQueue() + "-dlq"))
                    .queueUrl();
            String queue = SqsRedriveQueuesIT.create(sqs, prefix + t.targetQueue(), ownDlq, 3);
            queueOfRule.put(t.rule(), queue);
            String id = UUID.randomUUID().toString();
            sent.put(t.rule(), id);
            sqs.sendMessage(b -> b.queueUrl(dlq)
                    .messageBody(event(t.eventType(), id))
                    .messageAttributes(Map.of(
                            "RULE_ARN", string("arn:aws:events:us-east-1:123456789012:rule/eventflow-dev/" + t.rule()),
                            "TARGET_ARN", string(arnOf(queue)),
                            "ERROR_CODE", string("SQS_ERROR"),
                            "ERROR_MESSAGE", string("Service Unavailable"),
                            "EXHAUSTED_RETRY_CONDITION", string("MaximumRetryAttempts"),
                            "RETRY_ATTEMPTS", string("10"))));
        }

        Map<String, Object> inspection = handler.handleRequest(Map.of("dlqName", dlqName, "inspectOnly", true), null);
        assertThat((List<Map<String, Object>>) (List<?>) inspection.get("messages"))
                .hasSize(5)
                .allSatisfy(m -> assertThat((String) m.get("target")).startsWith("arn:aws:sqs:"));

        Map<String, Object> report = handler.handleRequest(Map.of("dlqName", dlqName), null);

        assertThat(report)
                .containsEntry("method", Reports.RECEIVE_SEND_DELETE)
                .containsEntry("moved", 5L)
                .containsEntry("failed", 0L)
                .containsEntry("skipped", 0L)
                .containsEntry("remaining", 0L);
        // Each queue is drained as before (until two long polls in a row come back empty), all at once: one after
        // the other, those empty polls were 12 s of this test's 14.
        Map<String, List<Message>> drained = new HashMap<>();
        List<Message> leftInDlq;
        ExecutorService pool = Executors.newFixedThreadPool(targets.size() + 1);
        try {
            Map<String, Future<List<Message>>> pending = new HashMap<>();
            targets.forEach(t -> pending.put(t.rule(), pool.submit(() -> drain(queueOfRule.get(t.rule())))));
            Future<List<Message>> dlqDrain = pool.submit(() -> drain(dlq));
            for (var e : pending.entrySet()) {
                drained.put(e.getKey(), e.getValue().get());
            }
            leftInDlq = dlqDrain.get();
        } finally {
            pool.shutdownNow();
        }
        for (RuleTarget t : targets) {
            List<Message> got = drained.get(t.rule());
            assertThat(got).as("queue of %s", t.rule()).hasSize(1);
            assertThat(EventJson.parse(got.get(0).body())
                            .path("detail")
                            .path("eventId")
                            .asText())
                    .isEqualTo(sent.get(t.rule()));
            assertThat(EventJson.parse(got.get(0).body()).path("detail-type").asText())
                    .isEqualTo(t.eventType());
            assertThat(got.get(0).messageAttributes().get("RULE_ARN").stringValue())
                    .endsWith("/" + t.rule());
        }
        assertThat(leftInDlq).isEmpty();
    }
}
