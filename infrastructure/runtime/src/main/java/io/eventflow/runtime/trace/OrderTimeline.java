package io.eventflow.runtime.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.ops.Inspect;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.store.DynamoDbEventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.event.ruler.Ruler;

/**
 * The one data source for an order's timeline: its events (the store), its view (the read model), its
 * deliveries (the runtime's invocation record, .eventflow/logs/invocations.jsonl), what the template's routing
 * still expects (rules and event source mappings), and its dead letters (peeked, not consumed).
 */
public final class OrderTimeline {
    private final Clients clients;
    private final Template template;
    private final StateDir state;

    public OrderTimeline(Clients clients, Template template, StateDir state) {
        this.clients = clients;
        this.template = template;
        this.state = state;
    }

    public OrderTrace trace(String orderId) {
        String streamId = "Order-" + orderId;
        List<String> notes = new ArrayList<>();
        String storeTable = template.table("EventStoreTable")
                .map(Model.Table::name)
                .orElseThrow(() -> new IllegalStateException("the template has no EventStoreTable"));
        List<EventEnvelope> stored = new DynamoDbEventStore(clients.dynamo, storeTable).readStream(streamId, 1);
        List<OrderTrace.Event> events = stored.stream()
                .map(e -> new OrderTrace.Event(
                        e.sequence(),
                        e.eventType(),
                        e.eventId(),
                        e.timestamp() == null ? null : e.timestamp().toString(),
                        e.correlationId(),
                        e.causationId(),
                        e.source()))
                .toList();
        String status = null;
        if (!stored.isEmpty()) {
            try {
                status = Order.fold(
                                orderId, stored.stream().map(EventCodec::decode).toList())
                        .status()
                        .name();
            } catch (RuntimeException e) {
                notes.add("cannot fold the order's events: " + e.getMessage());
            }
        }
        Map<String, Object> view = view(orderId);
        Set<String> eventIds = stored.stream().map(EventEnvelope::eventId).collect(Collectors.toSet());

        List<InvocationLog.Invocation> invocations = InvocationLog.read(state.logs(state.invocations(), true));
        if (invocations.isEmpty()) {
            notes.add("no invocation record in " + state.invocations()
                    + ": deliveries are recorded by `./eventflow up` of this checkout");
        }
        List<OrderTrace.Delivery> deliveries = deliveries(invocations, orderId, eventIds);
        List<OrderTrace.DeadLetter> dead = deadLetters(orderId, eventIds);
        List<OrderTrace.Pending> pending = invocations.isEmpty() ? List.of() : pending(stored, deliveries);
        OrderTrace.Where now = where(stored, status, view, pending, dead, invocations.isEmpty());
        return new OrderTrace(orderId, streamId, status, events, view, deliveries, pending, dead, now, notes);
    }

    private Map<String, Object> view(String orderId) {
        var table = template.table("OrderViewTable");
        if (table.isEmpty()) {
            return null;
        }
        var item = clients.dynamo
                .getItem(b -> b.tableName(table.get().name())
                        .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        Map<String, Object> row = new TreeMap<>();
        item.forEach((k, v) -> row.put(k, Inspect.plain(v)));
        return row;
    }

    static List<OrderTrace.Delivery> deliveries(
            List<InvocationLog.Invocation> invocations, String orderId, Set<String> eventIds) {
        List<OrderTrace.Delivery> out = new ArrayList<>();
        Map<String, Integer> attempts = new HashMap<>();
        for (InvocationLog.Invocation inv : invocations) {
            for (Activity.Item item : inv.items()) {
                boolean ours =
                        orderId.equals(item.orderId()) || (item.eventId() != null && eventIds.contains(item.eventId()));
                if (!ours) {
                    continue;
                }
                String key = inv.function() + "|" + (item.eventId() != null ? item.eventId() : item.eventType()) + "|"
                        + item.replay();
                int attempt = item.receiveCount() > 0 ? item.receiveCount() : attempts.merge(key, 1, Integer::sum);
                boolean failed = inv.failed(item);
                String outcome = failed ? inv.outcome() : inv.outcome().startsWith("partial") ? "ok" : inv.outcome();
                out.add(new OrderTrace.Delivery(
                        inv.time(),
                        inv.function(),
                        inv.source(),
                        item.eventType(),
                        item.eventId(),
                        outcome,
                        failed,
                        inv.durationMs(),
                        attempt,
                        item.replay(),
                        inv.requestId()));
            }
        }
        return out;
    }

    /** Expected (event, function) pairs: stream consumers get every event; queue consumers what the rules route to them. */
    private List<OrderTrace.Pending> pending(List<EventEnvelope> stored, List<OrderTrace.Delivery> deliveries) {
        Map<String, String> queueConsumer = new HashMap<>();
        List<String> streamConsumers = new ArrayList<>();
        String storeTable =
                template.table("EventStoreTable").map(Model.Table::name).orElse("");
        for (Model.Function f : template.functions()) {
            for (Model.EventSource e : f.events()) {
                if (e instanceof Model.SqsSource s && s.enabled()) {
                    queueConsumer.put(s.queueArn(), f.logicalId());
                } else if (e instanceof Model.StreamSource s
                        && s.enabled()
                        && io.eventflow.emulator.template.Resolver.tableOfStream(s.streamArn())
                                .equals(storeTable)) {
                    streamConsumers.add(f.logicalId());
                }
            }
        }
        Map<String, Model.Queue> queues = new HashMap<>();
        template.queues().forEach(q -> queues.put(q.arn(), q));
        List<OrderTrace.Pending> pending = new ArrayList<>();
        for (EventEnvelope e : stored) {
            Map<String, String> expected = new LinkedHashMap<>(); // function -> queue logical id (or the stream)
            streamConsumers.forEach(fn -> expected.put(fn, "DynamoDB stream of " + storeTable));
            String busEvent = busEvent(e);
            for (Model.Rule r : template.rules()) {
                if (!r.enabled() || !matches(busEvent, r.pattern())) {
                    continue;
                }
                for (Model.Target t : r.targets()) {
                    String fn = queueConsumer.get(t.arn());
                    if (fn != null) {
                        expected.put(
                                fn,
                                queues.containsKey(t.arn())
                                        ? queues.get(t.arn()).logicalId()
                                        : t.arn());
                    }
                }
            }
            expected.forEach((fn, queue) -> {
                List<OrderTrace.Delivery> mine = deliveries.stream()
                        .filter(d -> !d.replay()
                                && fn.equals(d.function())
                                && e.eventId().equals(d.eventId()))
                        .toList();
                if (mine.stream().noneMatch(d -> !d.failed())) {
                    OrderTrace.Delivery last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
                    pending.add(new OrderTrace.Pending(
                            e.eventType(), e.eventId(), fn, queue, mine.size(), last == null ? null : last.outcome()));
                }
            });
        }
        return pending;
    }

    /** The EventBridge event the relay publishes for a stored event (source, detail-type, the envelope as detail). */
    private String busEvent(EventEnvelope e) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", e.eventId());
        event.put("detail-type", e.eventType());
        event.put("source", e.source());
        event.put("account", template.account().id());
        event.put("time", e.timestamp() == null ? "" : e.timestamp().toString());
        event.put("region", template.resolver().region());
        event.putArray("resources");
        event.set("detail", EventCodec.toJson(e));
        return EventJson.write(event);
    }

    private static boolean matches(String event, String pattern) {
        try {
            return Ruler.matchesRule(event, pattern);
        } catch (Exception e) {
            return false;
        }
    }

    /** Dead letters that carry the order (its id or one of its event ids), peeked with visibility 0. */
    private List<OrderTrace.DeadLetter> deadLetters(String orderId, Set<String> eventIds) {
        Set<String> dlqs = template.dlqArns();
        Map<String, String> reasons = Inspect.reasons(state);
        List<OrderTrace.DeadLetter> out = new ArrayList<>();
        for (Model.Queue q : template.queues()) {
            if (!dlqs.contains(q.arn())) {
                continue;
            }
            String url = template.queueUrl(q);
            int visible = Integer.parseInt(clients.sqs
                    .getQueueAttributes(
                            b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            if (visible == 0) {
                continue;
            }
            clients.sqs
                    .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages()
                    .forEach(m -> {
                        if (m.body().contains(orderId) || eventIds.stream().anyMatch(m.body()::contains)) {
                            out.add(new OrderTrace.DeadLetter(
                                    q.logicalId(),
                                    q.name(),
                                    m.messageId(),
                                    Inspect.reason(m.messageId(), m.body(), reasons)));
                        }
                    });
        }
        return out;
    }

    private OrderTrace.Where where(
            List<EventEnvelope> stored,
            String status,
            Map<String, Object> view,
            List<OrderTrace.Pending> pending,
            List<OrderTrace.DeadLetter> dead,
            boolean noRecord) {
        if (stored.isEmpty()) {
            return new OrderTrace.Where("not-found", null, "no events in stream Order-... of the event store");
        }
        if (!dead.isEmpty()) {
            OrderTrace.DeadLetter d = dead.get(0);
            return new OrderTrace.Where("dead", d.queue(), d.reason());
        }
        for (OrderTrace.Pending p : pending) {
            if (p.failedAttempts() > 0) {
                return new OrderTrace.Where(
                        "retrying",
                        p.queue(),
                        p.function() + " failed " + p.failedAttempts() + " time(s) on " + p.eventType() + " (last: "
                                + p.lastOutcome() + "); the message comes back after its visibility timeout");
            }
        }
        if (!pending.isEmpty()) {
            OrderTrace.Pending p = pending.get(0);
            return new OrderTrace.Where(
                    "waiting", p.queue(), p.eventType() + " not yet handled by " + p.function() + depth(p.queue()));
        }
        long last = stored.get(stored.size() - 1).sequence();
        Object projected = view == null ? null : view.get("version");
        boolean terminal = status != null && OrderStatus.valueOf(status).isTerminal();
        if (terminal && projected instanceof Number v && v.longValue() >= last) {
            return new OrderTrace.Where("done", null, status + " (event " + last + "; read model up to date)");
        }
        if (noRecord) {
            return new OrderTrace.Where(
                    terminal ? "done" : "unknown",
                    null,
                    status + " in the store" + (projected == null ? "" : ", read model at version " + projected)
                            + "; deliveries unknown (no invocation record)");
        }
        return new OrderTrace.Where(
                "in-progress", null, status + " in the store, event " + last + "; read model at version " + projected);
    }

    private String depth(String queueLogicalId) {
        return template.queues().stream()
                .filter(q -> q.logicalId().equals(queueLogicalId))
                .findFirst()
                .map(q -> {
                    var a = clients.sqs
                            .getQueueAttributes(b -> b.queueUrl(template.queueUrl(q))
                                    .attributeNames(
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                            .attributes();
                    return " (" + q.logicalId() + " holds "
                            + a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?") + " visible, "
                            + a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "?")
                            + " in flight)";
                })
                .orElse("");
    }
}
