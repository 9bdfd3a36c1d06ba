package io.eventflow.redrive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.redrive.RedriveQueues.Attribute;
import io.eventflow.redrive.RedriveQueues.QueueMessage;
import io.eventflow.testing.SampleEvents;
import java.util.Map;
import java.util.UUID;

/** Bodies of dead letters as our queues get them. */
final class DeadLetters {
    private DeadLetters() {}

    /** An EventBridge event whose detail is an OrderPlaced envelope (with the customer's e-mail and phone). */
    static String orderPlacedEvent() {
        String orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope e = SampleEvents.draft(SampleEvents.orderPlaced(orderId)).positioned("Order-" + orderId, 1);
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", e.eventType());
        event.put("source", e.source());
        event.put("account", "123456789012");
        event.put("time", e.timestamp().toString());
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", EventJson.toObject(e));
        return EventJson.write(event);
    }

    static QueueMessage message(String body, Map<String, Attribute> attributes) {
        return new QueueMessage(null, null, body, 0, null, attributes);
    }

    /** What an EventBridge rule target DLQ gets: the event plus attributes naming the error. */
    static QueueMessage fromRuleTargetDlq() {
        return message(
                orderPlacedEvent(),
                Map.of(
                        "ERROR_CODE",
                        Attribute.string("SQSError"),
                        "ERROR_MESSAGE",
                        Attribute.string("Access to the resource is denied"),
                        "RULE_ARN",
                        Attribute.string(
                                "arn:aws:events:us-east-1:123456789012:rule/eventflow-dev/eventflow-inventory-dev")));
    }

    /**
     * A dead letter as EventBridge writes it to a rule target's DLQ: the event, plus the message attributes of
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html naming the rule and the target.
     */
    static QueueMessage fromRuleTarget(String ruleName, String targetArn, String body) {
        return message(body, ruleTargetAttributes(ruleName, targetArn));
    }

    static Map<String, Attribute> ruleTargetAttributes(String ruleName, String targetArn) {
        return Map.of(
                "RULE_ARN",
                Attribute.string("arn:aws:events:us-east-1:123456789012:rule/eventflow-dev/" + ruleName),
                "TARGET_ARN",
                Attribute.string(targetArn),
                "ERROR_CODE",
                Attribute.string("SQS_ERROR"),
                "ERROR_MESSAGE",
                Attribute.string("Access to the resource is denied"),
                "EXHAUSTED_RETRY_CONDITION",
                Attribute.string("MaximumRetryAttempts"),
                "RETRY_ATTEMPTS",
                Attribute.string("10"));
    }

    /** What a Lambda on-failure destination gets (metadata only). */
    static String lambdaOnFailureRecord() {
        return "{\"requestContext\":{\"requestId\":\"r-1\","
                + "\"functionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:eventflow-event-relay-dev\","
                + "\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":6},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},"
                + "\"version\":\"1.0\",\"timestamp\":\"2026-11-28T10:15:30.123Z\"}";
    }
}
