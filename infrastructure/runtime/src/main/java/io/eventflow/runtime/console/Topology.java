package io.eventflow.runtime.console;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Resolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The picture of template.yaml the console draws, built from the template model (the emulator's {@code Template}): every node placed
 * by flow stage (column) and lane (row), every edge with the key its live counts come from.
 *
 * <p>Columns: 0 API, 1 HTTP functions, 2 streamed tables (and the read side), 3 stream consumers, 4 buses and
 * topics, 5 rules and subscriptions, 6 queues, 7 their DLQs (beside them), 8 queue consumers. Rules take the
 * top band, one lane each, and their queue and consumer follow in the same lane; SNS subscriptions take the
 * band below.
 */
public final class Topology {
    /**
     * @param kind api | function | table | bus | rule | queue | dlq | topic | subscription | ops | other
     * @param sub a short second line (routes, pattern types, filter policy, the stream)
     * @param physical the deployed name or ARN
     */
    public record Node(String id, String kind, String label, String sub, String physical, double col, double row) {}

    /**
     * @param kind flow | failure | read | publish
     * @param counts the key {@link ActivityFeed} counts this edge under (null: counted from a node)
     */
    public record Edge(String id, String from, String to, String kind, String label, String counts) {}

    /** @param others resources not drawn (policies, alarms, keys...): logical id -> type */
    public record Picture(
            List<Node> nodes,
            List<Edge> edges,
            Map<String, String> others,
            Map<String, String> queueNames,
            Map<String, String> tableNames,
            int lanes) {}

    /** Lanes per SNS subscription: its own row plus its DLQ under it. */
    static final double SUB_STEP = 1.45;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    private Topology() {}

    public static Picture of(Template t) {
        return new Topology().build(t);
    }

    private Picture build(Template t) {
        List<Model.Function> functions = t.functions();
        List<Model.Queue> queues = t.queues();
        Map<String, Model.Queue> queueByArn = new LinkedHashMap<>();
        queues.forEach(q -> queueByArn.put(q.arn(), q));
        Map<String, Model.Table> tableByName = new LinkedHashMap<>();
        t.tables().forEach(tb -> tableByName.put(tb.name(), tb));
        Map<String, String> consumerOfQueue = new LinkedHashMap<>();
        for (Model.Function f : functions) {
            for (Model.EventSource e : f.events()) {
                if (e instanceof Model.SqsSource s) {
                    consumerOfQueue.put(s.queueArn(), f.logicalId());
                }
            }
        }
        List<Model.Rule> rules = t.rules();
        List<Model.Subscription> subs = t.subscriptions();
        int ruleLanes = Math.max(rules.size(), 1);
        double lower = ruleLanes + 0.35;

        // Rules, their queues (DLQ beside) and consumers: one lane each.
        Set<String> placedQueues = new LinkedHashSet<>();
        Set<String> targetDlqs = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Model.Rule r = rules.get(i);
            node(r.logicalId(), "rule", r.logicalId(), patternSummary(r.pattern()), r.name(), 5, i);
            for (Model.Target tg : r.targets()) {
                fedQueue(
                        r.logicalId(),
                        queueByArn.get(tg.arn()),
                        i,
                        placedQueues,
                        queueByArn,
                        consumerOfQueue,
                        functions);
                if (tg.dlqArn() != null) {
                    targetDlqs.add(tg.dlqArn());
                }
            }
        }
        for (Model.Bus b : t.buses()) {
            node(b.logicalId(), "bus", b.logicalId(), "EventBridge bus", b.name(), 4, 0);
            for (Model.Rule r : rules) {
                if (r.busName().equals(b.name())) {
                    edge(b.logicalId(), r.logicalId(), "flow", null, "arrivals-rule:" + r.logicalId());
                }
            }
            for (String dlqArn : targetDlqs) {
                Model.Queue d = queueByArn.get(dlqArn);
                if (d != null && placedQueues.add(d.arn())) {
                    node(d.logicalId(), "dlq", d.logicalId(), "rule targets' DLQ", d.name(), 4, ruleLanes - 0.75);
                    edge(b.logicalId(), d.logicalId(), "failure", "failed targets", "depth:" + d.logicalId());
                }
            }
        }

        // SNS: topics and their subscriptions in the lower band.
        int subLane = 0;
        for (Model.Topic topic : t.topics()) {
            List<Model.Subscription> mine =
                    subs.stream().filter(s -> s.topicArn().equals(topic.arn())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            node(
                    topic.logicalId(),
                    "topic",
                    topic.logicalId(),
                    "SNS topic",
                    topic.arn(),
                    4,
                    lower + SUB_STEP * (subLane + (mine.size() - 1) / 2.0) + 0.2);
            for (Model.Subscription s : mine) {
                double lane = lower + SUB_STEP * subLane++;
                String label = s.logicalId().contains(".") ? s.protocol() + " subscription" : s.logicalId();
                node(
                        s.logicalId(),
                        "subscription",
                        label,
                        s.filterPolicy() == null ? s.protocol() : "filter " + filterSummary(s.filterPolicy()),
                        s.endpoint(),
                        5,
                        lane);
                edge(topic.logicalId(), s.logicalId(), "flow", null, null);
                fedQueue(
                        s.logicalId(),
                        queueByArn.get(s.endpoint()),
                        lane,
                        placedQueues,
                        queueByArn,
                        consumerOfQueue,
                        functions);
                if (s.redriveTargetArn() != null) {
                    Model.Queue d = queueByArn.get(s.redriveTargetArn());
                    if (d != null && placedQueues.add(d.arn())) {
                        node(d.logicalId(), "dlq", d.logicalId(), "undeliverable", d.name(), 5, lane + 0.8);
                        edge(s.logicalId(), d.logicalId(), "failure", null, "depth:" + d.logicalId());
                    }
                }
            }
        }

        // Who publishes to a bus or topic, and which tables a function owns (env values naming them).
        Set<String> sharedTables = sharedTables(functions, tableByName);
        Map<String, String> busByName = new LinkedHashMap<>();
        t.buses().forEach(b -> busByName.put(b.name(), b.logicalId()));
        Map<String, String> topicByArn = new LinkedHashMap<>();
        t.topics().forEach(tp -> topicByArn.put(tp.arn(), tp.logicalId()));

        // The stream side: streamed tables, their consumers (bus publishers first), failure queues, read tables.
        String streamed = null;
        List<Model.Function> streamConsumers = new ArrayList<>();
        for (Model.Function f : functions) {
            for (Model.EventSource e : f.events()) {
                if (e instanceof Model.StreamSource s) {
                    streamed = Resolver.tableOfStream(s.streamArn());
                    streamConsumers.add(f);
                }
            }
        }
        double busRow = (ruleLanes - 1) / 2.0;
        double lowerRow = lower;
        double apiRow = busRow;
        for (Model.Function f : streamConsumers) {
            boolean publishes = f.environment().values().stream().anyMatch(busByName::containsKey);
            double row = publishes ? busRow - 0.5 : lowerRow;
            if (!publishes) {
                lowerRow += 1.3;
            }
            node(f.logicalId(), "function", f.logicalId(), "stream consumer", f.name(), 3, row);
            for (Model.EventSource e : f.events()) {
                if (e instanceof Model.StreamSource s) {
                    Model.Table tb = tableByName.get(Resolver.tableOfStream(s.streamArn()));
                    if (tb != null) {
                        edge(
                                tb.logicalId(),
                                f.logicalId(),
                                "flow",
                                "stream",
                                "source:" + tb.logicalId() + ">" + f.logicalId());
                    }
                    Model.Queue d = s.onFailureArn() == null ? null : queueByArn.get(s.onFailureArn());
                    if (d != null && placedQueues.add(d.arn())) {
                        // a consumed one gets a lane of its own below the topics' rows (its DLQ sits in their column)
                        double failureRow = row + (consumerOfQueue.containsKey(d.arn()) ? 1.7 : 0.85);
                        node(d.logicalId(), "dlq", d.logicalId(), "on-failure", d.name(), 3, failureRow);
                        edge(f.logicalId(), d.logicalId(), "failure", null, "depth:" + d.logicalId());
                        failureQueueWork(d, failureRow, queueByArn, consumerOfQueue, functions);
                    }
                }
            }
            for (String v : f.environment().values()) {
                if (busByName.containsKey(v)) {
                    edge(f.logicalId(), busByName.get(v), "publish", "PutEvents", "out:" + f.logicalId());
                }
                Model.Table tb = tableByName.get(v);
                if (tb != null
                        && !sharedTables.contains(tb.name())
                        && !tb.name().equals(streamed)) {
                    if (!nodes.containsKey(tb.logicalId())) {
                        node(tb.logicalId(), "table", tb.logicalId(), "read model", tb.name(), 2, row);
                    }
                    edge(f.logicalId(), tb.logicalId(), "publish", "writes", "out:" + f.logicalId());
                }
            }
        }
        if (streamed != null && tableByName.containsKey(streamed)) {
            Model.Table tb = tableByName.get(streamed);
            node(tb.logicalId(), "table", tb.logicalId(), "event store + stream", tb.name(), 2, apiRow - 0.2);
        }

        // The API and its functions.
        List<Model.Function> httpFunctions = functions.stream()
                .filter(f -> f.events().stream().anyMatch(e -> e instanceof Model.HttpRoute))
                .toList();
        if (!httpFunctions.isEmpty()) {
            String apiId = t.resources().entrySet().stream()
                    .filter(e -> "AWS::Serverless::HttpApi".equals(e.getValue().get("Type")))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("HttpApi");
            List<String> routes = new ArrayList<>();
            httpFunctions.forEach(f -> f.events().forEach(e -> {
                if (e instanceof Model.HttpRoute r) {
                    routes.add(r.routeKey());
                }
            }));
            node(apiId, "api", apiId, String.join("\n", routes), "http://127.0.0.1", 0, apiRow);
            for (int i = 0; i < httpFunctions.size(); i++) {
                Model.Function f = httpFunctions.get(i);
                node(f.logicalId(), "function", f.logicalId(), "HTTP", f.name(), 1, apiRow + i * 1.2);
                edge(apiId, f.logicalId(), "flow", null, "source:" + apiId + ">" + f.logicalId());
                for (String v : f.environment().values()) {
                    Model.Table tb = tableByName.get(v);
                    if (tb == null) {
                        continue;
                    }
                    if (tb.name().equals(streamed)) {
                        edge(f.logicalId(), tb.logicalId(), "publish", "appends", "out:" + f.logicalId());
                    } else if (nodes.containsKey(tb.logicalId()) && !sharedTables.contains(tb.name())) {
                        edge(tb.logicalId(), f.logicalId(), "read", "reads", null);
                    }
                }
            }
        }

        // Queue consumers that publish to a topic.
        for (Model.Function f : functions) {
            for (String v : f.environment().values()) {
                if (topicByArn.containsKey(v) && nodes.containsKey(topicByArn.get(v))) {
                    edge(f.logicalId(), topicByArn.get(v), "publish", "Publish", "out:" + f.logicalId());
                }
            }
        }

        // Whatever is left, under the API: other tables (state), then functions without sources (operations),
        // then queues nobody routes to.
        double bottom = lower;
        int col = 0;
        for (Model.Table tb : t.tables()) {
            if (!nodes.containsKey(tb.logicalId())) {
                node(tb.logicalId(), "table", tb.logicalId(), "state", tb.name(), col % 2, bottom + (col / 2) * 0.9);
                col++;
            }
        }
        bottom += ((col + 1) / 2) * 0.9;
        col = 0;
        for (Model.Function f : functions) {
            if (!nodes.containsKey(f.logicalId())) {
                node(
                        f.logicalId(),
                        f.events().isEmpty() ? "ops" : "function",
                        f.logicalId(),
                        f.events().isEmpty() ? "manual invoke" : "not wired",
                        f.name(),
                        col % 2,
                        bottom + (col / 2) * 0.9);
                col++;
            }
        }
        bottom += ((col + 1) / 2) * 0.9;
        for (Model.Queue q : queues) {
            if (!nodes.containsKey(q.logicalId())) {
                node(
                        q.logicalId(),
                        t.dlqArns().contains(q.arn()) ? "dlq" : "queue",
                        q.logicalId(),
                        "unrouted",
                        q.name(),
                        2,
                        bottom);
                bottom += 0.8;
            }
        }
        Map<String, String> others = new LinkedHashMap<>();
        t.resources().forEach((id, r) -> {
            if (!nodes.containsKey(id) && !id.contains(".")) {
                others.put(id, String.valueOf(r.get("Type")));
            }
        });
        Map<String, String> queueNames = new LinkedHashMap<>();
        queues.forEach(q -> queueNames.put(q.name(), q.logicalId()));
        Map<String, String> tableNames = new LinkedHashMap<>();
        t.tables().forEach(tb -> tableNames.put(tb.name(), tb.logicalId()));
        int lanes = (int)
                Math.ceil(nodes.values().stream().mapToDouble(Node::row).max().orElse(0) + 1);
        return new Picture(List.copyOf(nodes.values()), List.copyOf(edges), others, queueNames, tableNames, lanes);
    }

    /**
     * A queue that {@code from} (a rule, a subscription) delivers to, when it is one of the template's: its lane the
     * first time a source reaches it, and the arrivals edge from each source.
     */
    private void fedQueue(
            String from,
            Model.Queue q,
            double lane,
            Set<String> placedQueues,
            Map<String, Model.Queue> queueByArn,
            Map<String, String> consumerOfQueue,
            List<Model.Function> functions) {
        if (q == null) {
            return;
        }
        if (placedQueues.add(q.arn())) {
            queueLane(q, lane, queueByArn, consumerOfQueue, functions);
        }
        edge(from, q.logicalId(), "flow", null, "arrivals:" + q.logicalId());
    }

    /** A queue in a lane: the queue, its DLQ beside it, its consumer after it. */
    private void queueLane(
            Model.Queue q,
            double lane,
            Map<String, Model.Queue> queueByArn,
            Map<String, String> consumerOfQueue,
            List<Model.Function> functions) {
        node(
                q.logicalId(),
                "queue",
                q.logicalId(),
                q.redriveTargetArn() == null ? "SQS" : "SQS, " + q.maxReceiveCount() + " tries",
                q.name(),
                6,
                lane);
        dlqBeside(q, queueByArn, 7, lane);
        consumerOf(q, "SQS consumer", consumerOfQueue, functions, 8, lane);
    }

    /**
     * A stream failure queue that a function consumes (the projector's, repaired by ProjectorRepairFunction): its
     * DLQ beside it, its consumer under it.
     */
    private void failureQueueWork(
            Model.Queue q,
            double row,
            Map<String, Model.Queue> queueByArn,
            Map<String, String> consumerOfQueue,
            List<Model.Function> functions) {
        dlqBeside(q, queueByArn, 4, row);
        consumerOf(q, "repairs views", consumerOfQueue, functions, 3, row + 0.85);
    }

    /** The queue's DLQ, when its RedrivePolicy names one in the template, at (col, row), with the failure edge. */
    private void dlqBeside(Model.Queue q, Map<String, Model.Queue> queueByArn, double col, double row) {
        Model.Queue d = q.redriveTargetArn() == null ? null : queueByArn.get(q.redriveTargetArn());
        if (d != null) {
            node(d.logicalId(), "dlq", d.logicalId(), "DLQ", d.name(), col, row);
            edge(q.logicalId(), d.logicalId(), "failure", null, "depth:" + d.logicalId());
        }
    }

    /** The function that consumes the queue, if one does, at (col, row) as {@code role}, with the flow edge. */
    private void consumerOf(
            Model.Queue q,
            String role,
            Map<String, String> consumerOfQueue,
            List<Model.Function> functions,
            double col,
            double row) {
        String consumer = consumerOfQueue.get(q.arn());
        if (consumer == null) {
            return;
        }
        String name = functions.stream()
                .filter(x -> x.logicalId().equals(consumer))
                .findFirst()
                .map(Model.Function::name)
                .orElse(consumer);
        node(consumer, "function", consumer, role, name, col, row);
        edge(q.logicalId(), consumer, "flow", null, "source:" + q.logicalId() + ">" + consumer);
    }

    /** Tables every function names (the shared store and idempotency records): drawn once, not wired to each. */
    private static Set<String> sharedTables(List<Model.Function> functions, Map<String, Model.Table> tableByName) {
        Set<String> shared = new LinkedHashSet<>(tableByName.keySet());
        for (Model.Function f : functions) {
            shared.retainAll(new LinkedHashSet<>(f.environment().values()));
        }
        return shared;
    }

    private void node(String id, String kind, String label, String sub, String physical, double col, double row) {
        nodes.putIfAbsent(id, new Node(id, kind, label, sub, physical, col, row));
    }

    private void edge(String from, String to, String kind, String label, String counts) {
        String id = from + ">" + to;
        if (edges.stream().noneMatch(e -> e.id().equals(id))) {
            edges.add(new Edge(id, from, to, kind, label, counts));
        }
    }

    /** The detail-types a rule routes ("OrderPlaced, InventoryReleased"), else the pattern's first keys. */
    static String patternSummary(String pattern) {
        try {
            var n = io.eventflow.runtime.Json.parse(pattern);
            var types = n.path("detail-type");
            if (types.isArray()) {
                List<String> out = new ArrayList<>();
                types.forEach(x -> out.add(x.asText()));
                return String.join(", ", out);
            }
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            return "pattern " + String.join(",", keys);
        } catch (RuntimeException e) {
            return "pattern";
        }
    }

    static String filterSummary(String policy) {
        try {
            var n = io.eventflow.runtime.Json.parse(policy);
            List<String> out = new ArrayList<>();
            n.fields().forEachRemaining(f -> {
                if (f.getValue().isArray()) {
                    f.getValue().forEach(v -> out.add(v.asText()));
                }
            });
            return out.isEmpty() ? "policy" : String.join(", ", out);
        } catch (RuntimeException e) {
            return "policy";
        }
    }
}
