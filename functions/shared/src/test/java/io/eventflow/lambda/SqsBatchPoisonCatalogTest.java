package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventJson;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog of poison messages on a consumer queue: each is reported as a batch item failure (so the
 * redrive policy dead-letters it), logged as permanent with a reason, never reaches the service, and does
 * not stop the valid message in the same batch.
 */
class SqsBatchPoisonCatalogTest {
    private final CapturedLog logs = CapturedLog.start();

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    private static String eventBridge(ObjectNode envelope) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("version", "0")
                .put("id", "e-1")
                .put("detail-type", envelope.path("eventType").asText("X"))
                .put("source", "eventflow.orders")
                .put("account", "123456789012")
                .put("time", "2026-11-28T10:15:30Z")
                .put("region", "us-east-1")
                .putArray("resources");
        event.set("detail", envelope);
        return EventJson.write(event);
    }

    private static ObjectNode valid() {
        return EventCodec.toJson(
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-1")).positioned("Order-ORD-1", 1));
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode e = valid();
        change.accept(e);
        return e;
    }

    private static ObjectNode data(ObjectNode e) {
        return (ObjectNode) e.get("data");
    }

    static Map<String, String> catalog() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("empty body", "");
        c.put("not JSON", "not json at all");
        c.put("truncated JSON", "{\"detail\": {");
        c.put("JSON array", "[]");
        c.put("no detail", "{\"detail-type\":\"OrderPlaced\"}");
        c.put("detail is a string", "{\"detail\":\"{}\"}");
        c.put(
                "detail-type disagrees",
                eventBridge(valid()).replace("\"detail-type\":\"OrderPlaced\"", "\"detail-type\":\"OrderCancelled\""));
        c.put("unknown eventType", eventBridge(with(e -> e.put("eventType", "OrderTeleported"))));
        c.put("unknown version", eventBridge(with(e -> e.put("version", 99))));
        c.put("version as string", eventBridge(with(e -> e.put("version", "2"))));
        c.put("missing eventId", eventBridge(with(e -> e.remove("eventId"))));
        c.put("bad timestamp", eventBridge(with(e -> e.put("timestamp", "yesterday"))));
        c.put("extra envelope field", eventBridge(with(e -> e.put("priority", "high"))));
        c.put("extra data field", eventBridge(with(e -> data(e).put("coupon", "FREE"))));
        c.put("missing data field", eventBridge(with(e -> data(e).remove("items"))));
        c.put(
                "negative quantity",
                eventBridge(with(e -> ((ObjectNode) data(e).get("items").get(0)).put("quantity", -5))));
        c.put("huge amount", eventBridge(with(e -> data(e).put("totalCents", 1e18))));
        c.put("injection in orderId", eventBridge(with(e -> data(e).put("orderId", "1; DROP TABLE"))));
        c.put("body is a JSON array", "[" + eventBridge(valid()) + "]");
        c.put("body is JSON null", "null");
        c.put("detail is null", "{\"detail-type\":\"OrderPlaced\",\"detail\":null}");
        c.put(
                "duplicate key in detail",
                eventBridge(valid()).replace("\"eventType\":", "\"eventType\":\"OrderCancelled\",\"eventType\":"));
        c.put("empty eventId", eventBridge(with(e -> e.put("eventId", ""))));
        c.put("data is null", eventBridge(with(e -> e.putNull("data"))));
        c.put("items is an object", eventBridge(with(e -> data(e).putObject("items"))));
        c.put("replay flag as string", eventBridge(with(e -> e.put("replay", "true"))));
        c.put("oversized body", eventBridge(with(e -> data(e).put("customerId", "C".repeat(300 * 1024)))));
        c.put(
                "unicode control chars in sku",
                eventBridge(with(e -> ((ObjectNode) data(e).get("items").get(0)).put("sku", "SKU\u0000\u202E"))));
        return c;
    }

    @Test
    void everyPoisonMessageFailsAloneWithAReasonAndTheValidOnePasses() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        catalog().forEach((name, body) -> messages.add(message(name, body)));
        messages.add(message("valid", eventBridge(valid())));
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response =
                new SqsBatch("catalog", Clock.systemUTC()).process(event, e -> handled.add(e.eventId()));

        assertThat(catalog()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(catalog().keySet());
        assertThat(handled).hasSize(1);
        String log = logs.text();
        assertThat(log.lines().filter(l -> l.contains("poison message")).count())
                .isEqualTo(catalog().size());
        assertThat(log).doesNotContain("ada@example.com").doesNotContain("\tat ");
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return m;
    }
}
