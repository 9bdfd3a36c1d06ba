package io.eventflow.chaos;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.order.Order;
import io.eventflow.projector.DynamoDbOrderViewRepository;
import io.eventflow.projector.OrderView;
import io.eventflow.store.DynamoDbEventStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads the state the invariants need straight from the emulator (clients that bypass the proxy, built by
 * {@link PatientClients}): every scan in pages of {@link PatientClients#PAGE} items, each page one request.
 */
final class Collector {
    record Tables(String eventStore, String idempotency, String inventory, String orderView) {}

    /** How long a received DLQ message stays hidden from the next receive of the drain. */
    static final int DRAIN_VISIBILITY_SECONDS = 30;

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Tables tables;

    Collector(DynamoDbClient dynamo, SqsClient sqs, Tables tables) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.tables = tables;
    }

    Tables tables() {
        return tables;
    }

    RunState collect(
            String correlationPrefix,
            List<RunState.PlacedOrder> orders,
            Map<String, Long> initialStock,
            List<String> dlqNames,
            Map<String, List<String>> poisonSent,
            long emailsSent,
            long smsSent) {
        DynamoDbEventStore store = new DynamoDbEventStore(dynamo, tables.eventStore());
        DynamoDbOrderViewRepository views = new DynamoDbOrderViewRepository(dynamo, tables.orderView());
        Map<String, List<RunState.StoredEvent>> streams = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, Object> stored = new LinkedHashMap<>();
        Map<String, Object> rebuilt = new LinkedHashMap<>();
        for (RunState.PlacedOrder o : orders) {
            if (o.orderId() == null) {
                continue;
            }
            List<EventEnvelope> events = store.readStream(DomainEvent.streamOf(o.orderId()), 1);
            Order order = Order.initial(o.orderId());
            OrderView view = OrderView.empty(o.orderId());
            List<RunState.StoredEvent> list = new ArrayList<>();
            for (EventEnvelope e : events) {
                DomainEvent decoded = EventCodec.decode(e);
                order = order.evolve(decoded);
                view = view.apply(e, decoded);
                list.add(new RunState.StoredEvent(e.eventId(), e.eventType(), e.sequence(), e.replayed()));
            }
            streams.put(o.orderId(), list);
            statuses.put(o.orderId(), events.isEmpty() ? null : order.status().name());
            if (!events.isEmpty()) {
                rebuilt.put(o.orderId(), view);
            }
            views.find(o.orderId()).ifPresent(v -> stored.put(o.orderId(), v));
        }
        Set<String> handled = new HashSet<>();
        dynamo.scanPaginator(b -> b.tableName(tables.idempotency()).limit(PatientClients.PAGE))
                .items()
                .forEach(i -> {
                    if ("COMPLETED".equals(s(i, "status"))) {
                        handled.add(s(i, "id"));
                    }
                });
        Map<String, Long> stock = new LinkedHashMap<>();
        Map<String, String> reservations = new LinkedHashMap<>();
        dynamo.scanPaginator(b ->
                        b.tableName(tables.inventory()).consistentRead(true).limit(PatientClients.PAGE))
                .items()
                .forEach(i -> {
                    String sku = s(i, "sku");
                    if (sku.startsWith("RES#")) {
                        reservations.put(sku.substring(4), s(i, "state"));
                    } else if (initialStock.containsKey(sku)) {
                        stock.put(
                                sku,
                                i.containsKey("available")
                                        ? Long.parseLong(i.get("available").n())
                                        : 0);
                    }
                });
        Map<String, List<String>> dlqs = new LinkedHashMap<>();
        dlqNames.forEach(name -> dlqs.put(name, drainView(name)));
        return new RunState(
                orders,
                streams,
                statuses,
                handled,
                initialStock,
                stock,
                reservations,
                emailsSent,
                smsSent,
                dlqs,
                poisonSent,
                stored,
                rebuilt,
                ordersInStore(correlationPrefix));
    }

    /** Order number -> orderIds of the OrderPlaced events carrying its correlation id (a scan of the store). */
    private Map<Integer, List<String>> ordersInStore(String correlationPrefix) {
        Map<Integer, List<String>> m = new java.util.TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(tables.eventStore())
                        .limit(PatientClients.PAGE)
                        .filterExpression("eventType = :t AND begins_with(correlationId, :c)")
                        .expressionAttributeValues(Map.of(
                                ":t",
                                AttributeValue.fromS("OrderPlaced"),
                                ":c",
                                AttributeValue.fromS(correlationPrefix))))
                .items()
                .forEach(i -> {
                    int n = Integer.parseInt(s(i, "correlationId").substring(correlationPrefix.length()));
                    m.computeIfAbsent(n, k -> new ArrayList<>())
                            .add(s(i, "streamId").substring("Order-".length()));
                });
        return m;
    }

    /** DLQ name -> messages in it (visible, in flight, delayed). */
    Map<String, Integer> dlqDepths(List<String> dlqNames) {
        Map<String, Integer> depths = new java.util.TreeMap<>();
        for (String name : dlqNames) {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            depths.put(name, io.eventflow.runtime.LocalRuntime.depth(sqs, url));
        }
        return depths;
    }

    /**
     * Every message body of a queue, each message once (by its id). A receive whose answer was lost to a time-out
     * hides its messages for {@link #DRAIN_VISIBILITY_SECONDS}; they are received again after that, so the drain waits
     * out that long before it settles for fewer messages than the queue said it held.
     */
    private List<String> drainView(String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        int expected = dlqDepths(List.of(queueName)).get(queueName);
        Map<String, String> bodies = new LinkedHashMap<>();
        long giveUp = System.currentTimeMillis() + (DRAIN_VISIBILITY_SECONDS + 5) * 1000L;
        for (int empty = 0; bodies.size() < expected && (empty < 3 || System.currentTimeMillis() < giveUp); ) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(DRAIN_VISIBILITY_SECONDS))
                    .messages();
            got.forEach(m -> bodies.putIfAbsent(m.messageId(), m.body()));
            empty = got.isEmpty() ? empty + 1 : 0;
        }
        return new ArrayList<>(bodies.values());
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
