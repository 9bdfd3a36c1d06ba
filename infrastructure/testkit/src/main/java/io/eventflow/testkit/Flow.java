package io.eventflow.testkit;

import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.cli.TraceCommand;
import io.eventflow.runtime.ops.Inspect;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.runtime.trace.OrderTrace;
import io.eventflow.store.DynamoDbEventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A test's handle on the running topology ({@link EventflowTest}): place orders, publish events, send messages, then
 * await what the flow does asynchronously, with faults where the target allows them. Every await ends with
 * {@code .within(timeout)}.
 *
 * <pre>{@code
 * var order = flow.placeOrder(Orders.sample());
 * flow.await(order).reaches(SHIPPED).within(ofSeconds(30));
 * flow.await(order).emailsSent(2).within(ofSeconds(10));
 * }</pre>
 */
public final class Flow {
    /** Contacts of this JVM's orders: unique, so each order's emails and SMS are its own. */
    private static final AtomicInteger CONTACTS = new AtomicInteger();

    private static final int PHONE_BASE = ThreadLocalRandom.current().nextInt(1_000_000, 8_000_000);

    private final Topology topology;
    private final Set<Expectation<?>> pending = Collections.newSetFromMap(new IdentityHashMap<>());

    Flow(Topology topology) {
        this.topology = topology;
    }

    /** POST /orders (an Idempotency-Key of its own); fails unless the API accepts it (202). */
    public PlacedOrder placeOrder(OrderRequest request) {
        int n = CONTACTS.incrementAndGet();
        OrderRequest r = request;
        if (r.customerEmail() == null || r.customerPhone() == null) {
            r = r.withContact(
                    r.customerEmail() != null ? r.customerEmail() : "qa+" + PHONE_BASE + "-" + n + "@example.com",
                    r.customerPhone() != null ? r.customerPhone() : "+1555" + (PHONE_BASE + n));
        }
        String key = "qa-" + UUID.randomUUID();
        HttpResponse<String> placed = topology.send(
                "POST",
                "/orders",
                Json.write(r.body()),
                Map.of("Content-Type", "application/json", "Idempotency-Key", key, "X-Correlation-Id", key));
        if (placed.statusCode() != 202) {
            throw new AssertionError("POST /orders on " + topology.describe() + " answered " + placed.statusCode()
                    + ": " + placed.body());
        }
        return new PlacedOrder(
                EventJson.parse(placed.body()).path("orderId").asText(), r.customerEmail(), r.customerPhone(), r);
    }

    /** What to await of this order. */
    public OrderAwait await(PlacedOrder order) {
        return new OrderAwait(this, order);
    }

    /** What to await of a queue or DLQ of the template, by logical id (e.g. InventoryDLQ). */
    public QueueAwait awaitQueue(String logicalId) {
        return new QueueAwait(this, logicalId);
    }

    /** Appends the envelope to its stream in the event store (as {@code ./eventflow publish}): the relay publishes it. */
    public void publish(EventEnvelope envelope) {
        Publish.run(
                new DynamoDbEventStore(topology.dynamo(), topology.resources().table("EventStoreTable")),
                EventJson.write(EventCodec.toJson(envelope)),
                new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Sends a message straight to a queue of the template (a poison message, a forgery). */
    public void send(String queueLogicalId, String body) {
        String url = topology.resources().queueUrl(queueLogicalId);
        topology.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body));
    }

    /** Messages in the queue now: visible, in flight and delayed. */
    public int depth(String queueLogicalId) {
        return LocalRuntime.depth(topology.sqs(), topology.resources().queueUrl(queueLogicalId));
    }

    /** The order now: read model, events, emails and SMS. */
    public OrderState state(PlacedOrder order) {
        Map<String, AttributeValue> row = topology.dynamo()
                .getItem(b -> b.tableName(topology.resources().table("OrderViewTable"))
                        .consistentRead(true)
                        .key(Map.of("orderId", AttributeValue.fromS(order.orderId()))))
                .item();
        Map<String, Object> view = null;
        if (row != null && !row.isEmpty()) {
            view = new TreeMap<>();
            for (Map.Entry<String, AttributeValue> e : row.entrySet()) {
                view.put(e.getKey(), Inspect.plain(e.getValue()));
            }
        }
        List<String> events = new DynamoDbEventStore(
                        topology.dynamo(), topology.resources().table("EventStoreTable"))
                .readStream("Order-" + order.orderId(), 1).stream()
                        .map(e -> e.eventType() + " " + e.eventId())
                        .toList();
        return new OrderState(
                order.orderId(),
                view == null ? null : String.valueOf(view.get("status")),
                view,
                events,
                topology.emailsSent(order),
                topology.smsSent(order));
    }

    /** The order's timeline as {@code ./eventflow trace} prints it (its state where the target records none). */
    public String timeline(PlacedOrder order) {
        Optional<OrderTrace> trace = topology.trace(order.orderId());
        if (trace.isEmpty()) {
            return "timeline (" + topology.describe() + " records no deliveries here): " + state(order);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TraceCommand.print(trace.get(), new PrintStream(text, true, StandardCharsets.UTF_8));
        return "timeline:\n" + text.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** The order's timeline as a record (deliveries, pending, dead letters), where the target records deliveries. */
    public Optional<OrderTrace> trace(PlacedOrder order) {
        return topology.trace(order.orderId());
    }

    /**
     * Re-sends the order's stored events to the bus through ReplayFunction (marked replay, original event ids), as
     * {@code ./eventflow replay} does: every rule and consumer sees them again. In-process targets.
     */
    public String replay(PlacedOrder order) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("streamId", "Order-" + order.orderId());
        request.put("target", "bus");
        return topology.invoke("ReplayFunction", Json.write(request));
    }

    /** Waits until nothing is in flight and every queue but the DLQs is empty; fails after {@code timeout}. */
    public void awaitQuiet(Duration timeout) {
        if (!topology.awaitQuiet(timeout)) {
            throw new AssertionError("not quiet within " + timeout.toSeconds() + " s on " + topology.describe());
        }
    }

    /** Faults for this test only (off after it): on the in-process targets; refused elsewhere, with the reason. */
    public Faults inject() {
        return topology.faults();
    }

    /** The functions' JSON log lines so far (in-process targets). */
    public List<String> functionLog() {
        return topology.functionLog();
    }

    public Resources resources() {
        return topology.resources();
    }

    /** A client straight to the engine or account (never through injected faults). */
    public DynamoDbClient dynamo() {
        return topology.dynamo();
    }

    /** A client straight to the engine or account (never through injected faults). */
    public SqsClient sqs() {
        return topology.sqs();
    }

    /** Where this flow runs, in one line. */
    public String describe() {
        return topology.describe();
    }

    synchronized void pending(Expectation<?> e, boolean open) {
        if (open) {
            pending.add(e);
        } else {
            pending.remove(e);
        }
    }

    /** The expectations built and never run (a forgotten {@code .within}), cleared. */
    synchronized List<String> unrun() {
        List<String> out = pending.stream().map(Expectation::what).toList();
        pending.clear();
        return out;
    }
}
