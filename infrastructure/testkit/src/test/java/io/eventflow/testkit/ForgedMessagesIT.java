package io.eventflow.testkit;

import static io.eventflow.order.OrderStatus.SHIPPED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Message verification on the engine with the real template and functions: messages written straight to each
 * consumer queue by someone who can sqs:SendMessage (no event in the store behind them) change no stream, no
 * stock, no view and send no notification; each lands in its consumer's DLQ as {@code unverified}.
 */
@EventflowTest
class ForgedMessagesIT {
    private static final Instant T = Instant.parse("2026-11-28T10:15:30Z");

    @Test
    void forgedMessagesOnEveryConsumerQueueChangeNothing(Flow flow) {
        // One real order that ends shipped: the forgeries target it (cancel it, message its customer).
        var order = flow.placeOrder(Orders.sample());
        flow.await(order).reaches(SHIPPED).within(ofSeconds(60));
        flow.awaitQuiet(ofSeconds(60));
        String orderId = order.orderId();
        String stream = DomainEvent.streamOf(orderId);
        Snapshot before = snapshot(flow, orderId);
        assertThat(before.view()).contains("SHIPPED");
        int logBefore = flow.functionLog().size();

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
                "ShippingQueue", bus(envelope(new OrderConfirmed("ORD-FORGED-2", "PAY-X"), "Order-ORD-FORGED-2", 4)));
        // Tell the real customer their order is cancelled.
        forged.put("NotificationQueue", bus(envelope(new OrderCancelled(orderId, "forged"), stream, 99)));
        // Notifications naming events that are not in the order's stream: the customer's contact is real.
        forged.put("EmailQueue", sns("OrderCancelled", orderId, Ids.random()));
        forged.put("SmsQueue", sns("ShipmentScheduled", orderId, Ids.random()));
        Map<String, Integer> dlqsBefore = new LinkedHashMap<>();
        forged.keySet().forEach(queue -> dlqsBefore.put(queue, flow.depth(queue.replace("Queue", "DLQ"))));
        forged.forEach(flow::send);

        flow.awaitQuiet(ofSeconds(90));

        forged.keySet()
                .forEach(queue -> assertThat(flow.depth(queue.replace("Queue", "DLQ")))
                        .as("the forged message of " + queue + " is dead-lettered")
                        .isEqualTo(dlqsBefore.get(queue) + 1));
        Snapshot after = snapshot(flow, orderId);
        assertThat(after.events()).as("no stream changed").isEqualTo(before.events());
        assertThat(after.stock()).as("no stock changed").isEqualTo(before.stock());
        assertThat(after.view()).as("no view changed").isEqualTo(before.view());
        assertThat(flow.state(order).emails()).as("no email sent").isEqualTo(2);
        assertThat(flow.state(order).sms()).as("no SMS sent").isEqualTo(1);
        List<String> log = flow.functionLog();
        List<String> since = log.subList(logBefore, log.size());
        assertThat(sends(since)).as("no notification published or sent").isZero();
        String text = String.join("\n", since);
        for (String consumer :
                List.of("inventory", "payment", "order-saga", "shipping", "notifier", "email-sender", "sms-sender")) {
            assertThat(text)
                    .as(consumer + " counted it")
                    .contains("\"consumer\":\"" + consumer + "\",\"UnverifiedMessages\":1");
        }
    }

    record Snapshot(long events, Map<String, Long> stock, String view) {}

    private static Snapshot snapshot(Flow flow, String orderId) {
        String events = flow.resources().table("EventStoreTable");
        long count = flow.dynamo().scanPaginator(b -> b.tableName(events)).items().stream()
                .count();
        String views = flow.resources().table("OrderViewTable");
        var view = flow.dynamo()
                .getItem(b ->
                        b.tableName(views).consistentRead(true).key(Map.of("orderId", AttributeValue.fromS(orderId))))
                .item();
        Map<String, Long> stock = new TreeMap<>();
        flow.dynamo()
                .scanPaginator(b -> b.tableName(flow.resources().table("InventoryTable")))
                .items()
                .forEach(i -> stock.put(
                        i.get("sku").s(),
                        i.containsKey("available")
                                ? Long.parseLong(i.get("available").n())
                                : 0));
        return new Snapshot(count, stock, String.valueOf(new TreeMap<>(view)));
    }

    /** Published notifications and sent emails/SMS, as the functions log them. */
    private static long sends(List<String> log) {
        return log.stream()
                .filter(l -> l.contains("\"message\":\"notification published\"")
                        || l.contains("\"message\":\"email handled\"")
                        || l.contains("\"message\":\"sms handled\""))
                .count();
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
