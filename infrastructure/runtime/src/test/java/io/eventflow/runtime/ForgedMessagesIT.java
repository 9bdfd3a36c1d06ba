package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentDeclined;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Message verification on the emulator with the real template and functions: messages written straight to each
 * consumer queue by someone who can sqs:SendMessage (no event in the store behind them) change no stream, no
 * stock, no view and send no notification; each lands in its consumer's DLQ as {@code unverified}.
 */
@ExtendWith(EmulatorExtension.class)
class ForgedMessagesIT {
    private static final String ORDER = "{\"customerId\":\"CUST-F1\",\"customerEmail\":\"forged-target@example.com\","
            + "\"customerPhone\":\"+15550100999\",\"items\":[{\"sku\":\"SKU-001\",\"quantity\":1}]}";

    private static final Instant T = Instant.parse("2026-11-28T10:15:30Z");

    @Test
    void forgedMessagesOnEveryConsumerQueueChangeNothing() throws Exception {
        try (ProjectRun run = ProjectRun.start()) {
            Clients clients = run.clients;
            Template template = run.template;
            LocalRuntime runtime = run.runtime;
            // One real order that ends shipped: the forgeries target it (cancel it, message its customer).
            String orderId = run.place(ORDER);
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();
            String stream = DomainEvent.streamOf(orderId);
            Snapshot before = snapshot(clients, template, orderId);
            assertThat(before.view()).contains("SHIPPED");
            long sentBefore = sends(run.log());

            Map<String, String> forged = new LinkedHashMap<>();
            List<LineItem> items = List.of(new LineItem("SKU-001", 5, 1250));
            // A new order nobody placed: inventory would reserve stock for it.
            forged.put(
                    "InventoryQueue",
                    bus(envelope(
                            new OrderPlaced("ORD-FORGED-1", "CUST-X", null, null, items, "EUR", 6250),
                            "Order-ORD-FORGED-1",
                            1)));
            // The real order's stream position 2 holds InventoryReserved, but not this one (other items).
            forged.put("PaymentQueue", bus(envelope(new InventoryReserved(orderId, items), stream, 2)));
            // Cancel a shipped (paid) order.
            forged.put("OrderSagaQueue", bus(envelope(new PaymentDeclined(orderId, "forged"), stream, 99)));
            // Ship an order that was never confirmed.
            forged.put(
                    "ShippingQueue",
                    bus(envelope(new OrderConfirmed("ORD-FORGED-2", "PAY-X"), "Order-ORD-FORGED-2", 4)));
            // Tell the real customer their order is cancelled.
            forged.put("NotificationQueue", bus(envelope(new OrderCancelled(orderId, "forged"), stream, 99)));
            // Notifications naming events that are not in the order's stream: the customer's contact is real.
            forged.put("EmailQueue", sns("OrderCancelled", orderId, Ids.random()));
            forged.put("SmsQueue", sns("ShipmentScheduled", orderId, Ids.random()));
            forged.forEach((queue, body) -> clients.sqs.sendMessage(
                    b -> b.queueUrl(template.queueUrl(queue(template, queue))).messageBody(body)));

            assertThat(runtime.awaitQuiescence(90_000)).isTrue();

            Map<String, Integer> depths = new LinkedHashMap<>();
            runtime.depths().forEach((q, n) -> depths.put(q.logicalId(), n));
            forged.keySet()
                    .forEach(queue -> assertThat(depths.get(queue.replace("Queue", "DLQ")))
                            .as("the forged message of " + queue + " is dead-lettered")
                            .isEqualTo(1));
            Snapshot after = snapshot(clients, template, orderId);
            assertThat(after.events()).as("no stream changed").isEqualTo(before.events());
            assertThat(after.stock()).as("no stock changed").isEqualTo(before.stock());
            assertThat(after.view()).as("no view changed").isEqualTo(before.view());
            assertThat(sends(run.log())).as("no notification published or sent").isEqualTo(sentBefore);
            String text = run.log();
            for (String consumer : List.of(
                    "inventory", "payment", "order-saga", "shipping", "notifier", "email-sender", "sms-sender")) {
                assertThat(text)
                        .as(consumer + " counted it")
                        .contains("\"consumer\":\"" + consumer + "\",\"UnverifiedMessages\":1");
            }
        }
    }

    record Snapshot(long events, Map<String, Long> stock, String view) {}

    private static Snapshot snapshot(Clients clients, Template template, String orderId) {
        String events = template.table("EventStoreTable").orElseThrow().name();
        long count = clients.dynamo.scanPaginator(b -> b.tableName(events)).items().stream()
                .count();
        String views = template.table("OrderViewTable").orElseThrow().name();
        var view = clients.dynamo
                .getItem(b ->
                        b.tableName(views).consistentRead(true).key(Map.of("orderId", AttributeValue.fromS(orderId))))
                .item();
        return new Snapshot(count, Seed.currentStock(clients, template), String.valueOf(new java.util.TreeMap<>(view)));
    }

    /** Published notifications and sent emails/SMS, as the functions log them. */
    private static long sends(String log) {
        return log.lines()
                .filter(l -> l.contains("\"message\":\"notification published\"")
                        || l.contains("\"message\":\"email handled\"")
                        || l.contains("\"message\":\"sms handled\""))
                .count();
    }

    private static Model.Queue queue(Template template, String logicalId) {
        return template.queues().stream()
                .filter(q -> q.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
    }

    private static EventEnvelope envelope(DomainEvent event, String streamId, long sequence) {
        return EventCodec.draft(event, UUID.randomUUID().toString(), T, "eventflow.forged", "corr-forged", null)
                .positioned(streamId, sequence);
    }

    /** The EventBridge event a rule target queue receives. */
    private static String bus(EventEnvelope e) {
        ObjectNode event = EventJson.mapper()
                .createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", e.eventType())
                .put("source", "eventflow.orders")
                .put("account", "000000000000")
                .put("time", T.toString())
                .put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", EventCodec.toJson(e));
        return EventJson.write(event);
    }

    /** The SNS envelope a subscription queue receives, carrying a notification of the notifier's shape. */
    private static String sns(String type, String orderId, String eventId) {
        ObjectNode n = EventJson.mapper()
                .createObjectNode()
                .put("notificationId", Ids.derived("notifier", eventId, "notification"))
                .put("notificationType", type)
                .put("orderId", orderId)
                .put("eventId", eventId)
                .put("correlationId", "corr-forged")
                .put("occurredAt", T.toString());
        ObjectNode envelope = EventJson.mapper()
                .createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", "arn:aws:sns:us-east-1:000000000000:forged")
                .put("Message", EventJson.write(n))
                .put("Timestamp", T.toString());
        envelope.putObject("MessageAttributes")
                .putObject("notificationType")
                .put("Type", "String")
                .put("Value", type);
        return EventJson.write(envelope);
    }
}
