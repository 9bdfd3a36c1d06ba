package io.eventflow.runtime.console;

import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.template.AppTemplate;
import io.eventflow.runtime.template.Model;
import io.eventflow.store.DynamoDbEventStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An order's timeline from the store, the read model and this console's memory of the last hops, in the shape
 * of the `trace` record (orderId, status, events, view, deliveries, deadLetters, now, notes). Stands in until
 * the trace verb's own data source is on this branch.
 */
final class FeedTimeline implements TimelineSource {
    private final Clients clients;
    private final AppTemplate template;
    private final ActivityFeed feed;
    private final DeadLetters deadLetters;
    private final Map<String, String> queueOfSource;

    FeedTimeline(Clients clients, AppTemplate template, ActivityFeed feed, DeadLetters deadLetters, Map<String, String> queueOfSource) {
        this.clients = clients;
        this.template = template;
        this.feed = feed;
        this.deadLetters = deadLetters;
        this.queueOfSource = queueOfSource;
    }

    @Override
    public Object timeline(String orderId) {
        String streamId = "Order-" + orderId;
        String table = template.table("EventStoreTable").map(Model.Table::name).orElseThrow();
        List<EventEnvelope> stored = new DynamoDbEventStore(clients.dynamo, table).readStream(streamId, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orderId", orderId);
        out.put("streamId", streamId);
        String status = stored.isEmpty() ? null : Order.fold(orderId, stored.stream().map(EventCodec::decode).toList()).status().name();
        out.put("status", status);
        List<Map<String, Object>> events = new ArrayList<>();
        for (EventEnvelope e : stored) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", e.sequence());
            m.put("eventType", e.eventType());
            m.put("eventId", e.eventId());
            m.put("time", e.timestamp() == null ? null : e.timestamp().toString());
            m.put("correlationId", e.correlationId());
            m.put("causationId", e.causationId());
            m.put("source", e.source());
            events.add(m);
        }
        out.put("events", events);
        out.put("view", view(orderId));
        Set<String> correlations = stored.stream().map(EventEnvelope::correlationId).filter(c -> c != null).collect(Collectors.toSet());
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (ActivityFeed.Flash f : feed.since(0, ActivityFeed.KEEP)) {
            if (f.orderIds().contains(orderId) || f.correlationIds().stream().anyMatch(correlations::contains)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("time", f.time());
                d.put("function", f.function());
                d.put("source", f.from());
                d.put("what", f.what());
                d.put("outcome", f.outcome());
                d.put("failed", f.failed());
                d.put("durationMs", f.durationMs());
                deliveries.add(d);
            }
        }
        out.put("deliveries", deliveries);
        String dlq = deadLetters.ordersInDlqs().get(orderId);
        List<Map<String, Object>> dead = new ArrayList<>();
        if (dlq != null) {
            dead.add(Map.of("queue", dlq));
        }
        out.put("deadLetters", dead);
        Map<String, Object> now = new LinkedHashMap<>();
        Map<String, Object> last = deliveries.isEmpty() ? null : deliveries.get(deliveries.size() - 1);
        if (stored.isEmpty()) {
            now.put("state", "not-found");
        } else if (dlq != null) {
            now.put("state", "dead");
            now.put("queue", dlq);
        } else if (last != null && Boolean.TRUE.equals(last.get("failed"))) {
            now.put("state", "retrying");
            now.put("queue", queueOfSource.get((String) last.get("source")));
            now.put("detail", last.get("function") + " failed: " + last.get("outcome"));
        } else if (status != null && OrderStatus.valueOf(status).isTerminal()) {
            now.put("state", "done");
            now.put("detail", status);
        } else {
            now.put("state", "in-progress");
            now.put("detail", status);
        }
        out.put("now", now);
        out.put("notes", List.of("deliveries: from this console's memory of the last " + ActivityFeed.KEEP + " hops"));
        return out;
    }

    private Map<String, Object> view(String orderId) {
        var table = template.table("OrderViewTable");
        if (table.isEmpty()) {
            return null;
        }
        var item = clients.dynamo.getItem(b -> b.tableName(table.get().name()).key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        item.forEach((k, v) -> row.put(k, v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v)));
        return row;
    }
}
