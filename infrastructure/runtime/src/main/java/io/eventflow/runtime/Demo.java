package io.eventflow.runtime;

import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.events.EventCodec;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import io.eventflow.store.DynamoDbEventStore;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code up --demo}: places demo orders through the local HTTP API (two that end confirmed and shipped, one
 * cancelled for stock, one declined by payment and compensated), sends one poison message straight to a
 * consumer queue, waits until the system is quiescent (bounded), and checks every order's final state in the
 * event store and the read model, the stock levels, and that the DLQs hold exactly the poison message.
 */
public final class Demo {
    static final String POISON = "demo poison message: not an EventBridge event";

    /** Prices come from the catalog (events/inventory/seed-catalog.json); the demo sends none. */
    record DemoOrder(String label, OrderStatus expected, Map<String, Integer> items, String customerId) {}

    record Outcome(String label, String orderId, OrderStatus expected, OrderStatus actual, String viewStatus) {
        boolean ok() {
            return actual == expected;
        }
    }

    public record Result(int orders, int confirmed, int cancelled, int dlq, int lost, long elapsedMs, boolean passed) {
        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("orders", orders);
            m.put("confirmed", confirmed);
            m.put("cancelled", cancelled);
            m.put("dlq", dlq);
            m.put("lost", lost);
            m.put("elapsedMs", elapsedMs);
            return Json.write(m);
        }
    }

    static final List<DemoOrder> ORDERS = List.of(
            new DemoOrder("confirmed-1", OrderStatus.SHIPPED, Map.of("SKU-001", 2, "SKU-002", 1), "CUST-1001"),
            new DemoOrder("confirmed-2", OrderStatus.SHIPPED, Map.of("SKU-003", 1), "CUST-1002"),
            new DemoOrder("no-stock", OrderStatus.CANCELLED, Map.of("SKU-OUT", 1), "CUST-1003"),
            new DemoOrder("payment-declined", OrderStatus.CANCELLED, Map.of("SKU-001", 1), "CUST-DECLINE-1004"));

    private final LocalRuntime runtime;
    private final Clients clients;
    private final PrintStream out;
    /** The poison queue's visibility timeout before {@link #prepare}, or null when not prepared. */
    private volatile String visibilityBefore;

    public Demo(LocalRuntime runtime, Clients clients, PrintStream out) {
        this.runtime = runtime;
        this.clients = clients;
        this.out = out;
    }

    public Result run(Map<String, Long> seedStock, long timeoutMs) throws Exception {
        long start = System.currentTimeMillis();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String[]> placed = new ArrayList<>();
        String poisonQueue = poisonQueueUrl();
        if (poisonQueue != null) {
            // First, so that its receives run while the orders flow.
            clients.sqs.sendMessage(b -> b.queueUrl(poisonQueue).messageBody(POISON));
            out.println("demo: poison message sent straight to " + Resolver.lastSegment(poisonQueue)
                    + (visibilityBefore == null
                            ? ""
                            : " (visibility timeout " + POISON_QUEUE_VISIBILITY_SECONDS + " s during the demo, "
                                    + visibilityBefore + " s after)"));
        }
        for (DemoOrder o : ORDERS) {
            String body = body(o);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/orders"))
                            .timeout(Duration.ofSeconds(30))
                            .header("content-type", "application/json")
                            .header("idempotency-key", "demo-" + o.label() + "-" + start)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String orderId = r.statusCode() / 100 == 2
                    ? Json.parse(r.body()).path("orderId").asText(null)
                    : null;
            out.println("demo: POST /orders (" + o.label() + ") -> " + r.statusCode()
                    + (orderId == null ? " " + r.body() : " orderId " + orderId));
            placed.add(new String[] {o.label(), orderId});
        }
        boolean quiet = runtime.awaitQuiescence(timeoutMs);
        if (visibilityBefore != null) {
            clients.sqs.setQueueAttributes(b -> b.queueUrl(poisonQueue)
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibilityBefore)));
        }
        out.println("demo: " + (quiet ? "quiescent" : "NOT quiescent after " + timeoutMs + " ms") + " after "
                + (System.currentTimeMillis() - start) + " ms");
        if (!quiet) {
            runtime.depths().forEach((q, n) -> {
                if (n > 0) {
                    out.println("demo: queue " + q.logicalId() + " still holds " + n + " message(s)");
                }
            });
        }

        List<Outcome> outcomes = new ArrayList<>();
        String storeTable = runtime.template()
                .table("EventStoreTable")
                .map(Model.Table::name)
                .orElse(null);
        DynamoDbEventStore store = storeTable == null ? null : new DynamoDbEventStore(clients.dynamo, storeTable);
        for (int i = 0; i < ORDERS.size(); i++) {
            DemoOrder o = ORDERS.get(i);
            String orderId = placed.get(i)[1];
            OrderStatus actual = null;
            if (orderId != null && store != null) {
                var events = store.readStream("Order-" + orderId, 1).stream()
                        .map(EventCodec::decode)
                        .toList();
                actual = events.isEmpty() ? null : Order.fold(orderId, events).status();
            }
            Outcome oc = new Outcome(o.label(), orderId, o.expected(), actual, viewStatus(orderId));
            outcomes.add(oc);
            out.println("demo: order " + o.label() + " " + orderId + ": store " + actual + ", read model "
                    + oc.viewStatus() + ", expected " + o.expected() + (oc.ok() ? " ok" : " MISMATCH"));
        }
        boolean stockOk = checkStock(seedStock, outcomes);
        Map<String, List<String>> dlqs = dlqContents();
        int dlqCount = dlqs.values().stream().mapToInt(List::size).sum();
        boolean dlqOk = dlqCount == (poisonQueue == null ? 0 : 1)
                && dlqs.values().stream().flatMap(List::stream).allMatch(POISON::equals);
        dlqs.forEach((q, bodies) -> {
            if (!bodies.isEmpty()) {
                out.println("demo: DLQ " + q + " holds " + bodies.size() + ": "
                        + bodies.stream()
                                .map(b -> b.replaceAll("\\s+", " "))
                                .map(b -> b.length() > 120 ? b.substring(0, 120) + "..." : b)
                                .toList());
            }
        });
        out.println("demo: " + dlqs.values().stream().filter(List::isEmpty).count() + " other DLQs empty");
        int lost = (int) outcomes.stream()
                        .filter(o -> o.actual() == null || !o.actual().isTerminal())
                        .count()
                + (poisonQueue != null
                                && dlqs.values().stream().flatMap(List::stream).noneMatch(POISON::equals)
                        ? 1
                        : 0);
        int confirmed = (int) outcomes.stream()
                .filter(o -> o.actual() == OrderStatus.SHIPPED || o.actual() == OrderStatus.CONFIRMED)
                .count();
        int cancelled = (int) outcomes.stream()
                .filter(o -> o.actual() == OrderStatus.CANCELLED)
                .count();
        boolean passed = quiet && outcomes.stream().allMatch(Outcome::ok) && lost == 0 && dlqOk && stockOk;
        return new Result(
                outcomes.size(), confirmed, cancelled, dlqCount, lost, System.currentTimeMillis() - start, passed);
    }

    private static String body(DemoOrder o) {
        List<Map<String, Object>> items = new ArrayList<>();
        o.items().forEach((sku, q) -> items.add(Map.of("sku", sku, "quantity", q)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", o.customerId());
        body.put("customerEmail", "demo+" + o.label() + "@example.com");
        body.put("customerPhone", "+15550100" + (100 + ORDERS.indexOf(o)));
        body.put("items", items);
        return Json.write(body);
    }

    /**
     * The poison message's queue's visibility timeout while the demo runs. A message whose handling fails comes back
     * after the visibility timeout and SQS moves it to the DLQ on the receive after maxReceiveCount (5): 30 min at the
     * template's 360 s, 25 s at the local cap of 5 s, about 5 s at 1 s. Only this queue, only during the demo: a
     * handling of one of its messages that took longer than 1 s would be delivered again (a repeat the consumer's
     * idempotency answers, as after any lost delete); the other queues keep their timeouts.
     */
    static final int POISON_QUEUE_VISIBILITY_SECONDS = 1;

    /**
     * Call before {@code runtime.start()}: the poison's queue gets {@link #POISON_QUEUE_VISIBILITY_SECONDS} before its
     * poller's first long poll (which keeps the timeout it started with); {@link #run} sets the timeout back after.
     */
    public Demo prepare() {
        runtime.beforePolling(() -> {
            String queueUrl = poisonQueueUrl();
            if (queueUrl != null) {
                visibilityBefore = clients.sqs
                        .getQueueAttributes(
                                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .attributes()
                        .get(QueueAttributeName.VISIBILITY_TIMEOUT);
                clients.sqs.setQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(POISON_QUEUE_VISIBILITY_SECONDS))));
            }
        });
        return this;
    }

    /** The queue of InventoryFunction's SQS source (else the first SQS source): a consumer queue. */
    private String poisonQueueUrl() {
        List<Model.Function> fns = runtime.template().functions();
        return fns.stream()
                .sorted((a, b) -> a.logicalId().equals("InventoryFunction")
                        ? -1
                        : b.logicalId().equals("InventoryFunction") ? 1 : 0)
                .flatMap(f -> f.events().stream())
                .filter(e -> e instanceof Model.SqsSource)
                .map(e -> (Model.SqsSource) e)
                .findFirst()
                .map(s -> runtime.template().resolver().queueUrl(Resolver.lastSegment(s.queueArn())))
                .orElse(null);
    }

    private String viewStatus(String orderId) {
        var table = runtime.template().table("OrderViewTable");
        if (orderId == null || table.isEmpty()) {
            return null;
        }
        var item = clients.dynamo
                .getItem(b -> b.tableName(table.get().name())
                        .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                        .consistentRead(true))
                .item();
        return item == null || !item.containsKey("status")
                ? null
                : item.get("status").s();
    }

    /** Shipped orders took their quantities; cancelled ones took nothing (or gave it back). */
    private boolean checkStock(Map<String, Long> seed, List<Outcome> outcomes) {
        if (seed.isEmpty()) {
            return true;
        }
        Map<String, Long> expected = new LinkedHashMap<>(seed);
        for (int i = 0; i < ORDERS.size(); i++) {
            if (outcomes.get(i).actual() == OrderStatus.SHIPPED
                    || outcomes.get(i).actual() == OrderStatus.CONFIRMED) {
                ORDERS.get(i).items().forEach((sku, q) -> expected.merge(sku, (long) -q, Long::sum));
            }
        }
        Map<String, Long> actual = Seed.currentStock(clients, runtime.template());
        boolean ok = true;
        for (String sku : ORDERS.stream()
                .flatMap(o -> o.items().keySet().stream())
                .distinct()
                .sorted()
                .toList()) {
            boolean match = expected.get(sku) != null && expected.get(sku).equals(actual.get(sku));
            ok &= match;
            out.println("demo: stock " + sku + " " + seed.get(sku) + " -> " + actual.get(sku) + " (expected "
                    + expected.get(sku) + ")" + (match ? " ok" : " MISMATCH"));
        }
        return ok;
    }

    /** Every DLQ's messages (peeked: received with visibility 0, not deleted). */
    private Map<String, List<String>> dlqContents() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String arn : runtime.dlqArns()) {
            String url = runtime.template().resolver().queueUrl(Resolver.lastSegment(arn));
            int n = Integer.parseInt(clients.sqs
                    .getQueueAttributes(
                            b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            List<String> bodies = new ArrayList<>();
            if (n > 0) {
                clients.sqs
                        .receiveMessage(
                                b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                        .messages()
                        .forEach(m -> bodies.add(m.body()));
            }
            while (bodies.size() < n) {
                bodies.add("?");
            }
            // Logical ids, as inspect, trace and redrive name queues.
            String name = Resolver.lastSegment(arn);
            out.put(
                    runtime.template().queues().stream()
                            .filter(q -> q.arn().equals(arn))
                            .map(Model.Queue::logicalId)
                            .findFirst()
                            .orElse(name),
                    bodies);
        }
        return out;
    }
}
