package io.eventflow.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.trace.OrderTimeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The browser console of `up`, on the API's port under {@value #PATH}: the template's topology with live counts,
 * recent orders and their timelines (the `trace` verb's {@link OrderTimeline}), dead letters with a redrive button,
 * and a replay form. The page and its
 * script are classpath resources of this jar; nothing is fetched from elsewhere. The page polls
 * {@code api/state} (about twice a second); the counters it reads are kept by {@link ActivityFeed}.
 */
public final class Console implements AutoCloseable {
    public static final String PATH = "/_console/";
    static final int MAX_BODY = 16 * 1024;
    static final int ORDERS_SHOWN = 40;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Map<String, String> ASSETS = Map.of(
            "",
            "text/html; charset=utf-8",
            "index.html",
            "text/html; charset=utf-8",
            "console.js",
            "text/javascript; charset=utf-8",
            "console.css",
            "text/css; charset=utf-8");

    private final LocalRuntime runtime;
    private final Template template;
    private final Clients clients;
    private final String endpoint;
    private final Topology.Picture picture;
    private final ActivityFeed feed;
    private final RecentOrders orders = new RecentOrders();
    private final QueueDepths depths;
    private final Operations operations;
    private final DeadLetters deadLetters;
    private final OrderTimeline timelines;
    private final Map<String, List<String>> ruleQueues = new LinkedHashMap<>();
    private final Map<String, String> consumerEdgeOfQueue = new LinkedHashMap<>();

    private Console(LocalRuntime runtime, String endpoint, StateDir state) {
        this.runtime = runtime;
        this.template = runtime.template();
        this.clients = runtime.clients();
        this.endpoint = endpoint;
        this.picture = Topology.of(template);
        Map<String, String> sourceNodes = new LinkedHashMap<>();
        picture.queueNames().forEach((name, id) -> sourceNodes.put("SQS " + name, id));
        picture.tableNames().forEach((name, id) -> sourceNodes.put("DynamoDB " + name, id));
        picture.nodes().stream()
                .filter(n -> n.kind().equals("api"))
                .findFirst()
                .ifPresent(n -> sourceNodes.put("HttpApi", n.id()));
        this.feed = new ActivityFeed(sourceNodes, orders);
        runtime.activity().subscribe(feed::accept);
        this.depths = new QueueDepths(clients.sqs, template.queues(), template::queueUrl);
        this.operations = new Operations(runtime);
        Set<String> dlqArns = template.dlqArns();
        this.deadLetters = new DeadLetters(
                template.queues().stream()
                        .filter(q -> dlqArns.contains(q.arn()))
                        .toList(),
                template::queueUrl,
                operations,
                clients.sqs,
                feed,
                state);
        for (Topology.Edge e : picture.edges()) {
            if (e.counts() != null && e.counts().startsWith("arrivals:")) {
                ruleQueues.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            }
            if (e.counts() != null && e.counts().startsWith("source:")) {
                consumerEdgeOfQueue.put(e.from(), e.counts().substring("source:".length()));
            }
        }
        // An order's timeline: the `trace` verb's one data source, the same record it prints.
        this.timelines = new OrderTimeline(clients, template, state);
    }

    /**
     * Serves the console on the runtime's API port; null (and a line on {@code out}) when the template has no
     * HttpApi routes, so there is no port to serve it on. {@code state}: the `up`'s .eventflow/ (its invocation
     * record is where an order's deliveries come from).
     */
    public static Console attach(LocalRuntime runtime, String endpoint, StateDir state, PrintStream out) {
        Console console = new Console(runtime, endpoint, state);
        if (!runtime.serve(PATH, console::handle) || !runtime.serve("/_console", console::handle)) {
            console.close();
            out.println("console: not served (the template has no HttpApi routes, so `up` listens on no port)");
            return null;
        }
        return console;
    }

    public String url() {
        return "http://127.0.0.1:" + runtime.port() + PATH;
    }

    @Override
    public void close() {
        depths.close();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            if (!path.startsWith(PATH)) {
                if (path.equals("/_console")) {
                    x.getResponseHeaders().set("location", PATH);
                    x.sendResponseHeaders(308, -1);
                } else {
                    json(x, 404, Map.of("message", "Not Found"));
                }
                return;
            }
            String rest = path.substring(PATH.length());
            String method = x.getRequestMethod();
            try {
                if (method.equals("GET") && ASSETS.containsKey(rest)) {
                    asset(x, rest.isEmpty() ? "index.html" : rest);
                } else if (method.equals("GET") && rest.equals("api/topology")) {
                    json(x, 200, topology());
                } else if (method.equals("GET") && rest.equals("api/state")) {
                    json(x, 200, state(since(x.getRequestURI().getRawQuery())));
                } else if (method.equals("GET") && rest.equals("api/orders")) {
                    json(x, 200, orders());
                } else if (method.equals("GET") && rest.startsWith("api/orders/")) {
                    String id = URLDecoder.decode(rest.substring("api/orders/".length()), StandardCharsets.UTF_8);
                    if (!ORDER_ID.matcher(id).matches()) {
                        json(x, 400, Map.of("error", "an order id is 1-64 letters, digits, '-' or '_'"));
                    } else {
                        json(x, 200, timelines.trace(id));
                    }
                } else if (method.equals("GET") && rest.equals("api/dlq")) {
                    json(x, 200, Map.of("dlqs", deadLetters.list(depths.watch(), false)));
                } else if (method.equals("POST") && (rest.equals("api/redrive") || rest.equals("api/replay"))) {
                    JsonNode body = body(x);
                    if (body == null) {
                        return;
                    }
                    json(x, 200, rest.equals("api/redrive") ? redrive(body) : replay(body));
                } else {
                    json(x, 404, Map.of("error", "no such console resource: " + method + " " + path));
                }
            } catch (IllegalArgumentException bad) {
                json(x, 400, Map.of("error", bad.getMessage()));
            } catch (RuntimeException e) {
                json(x, 500, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    /**
     * A POST's JSON body, or null after answering: only from the page itself (its header, which a cross-site form
     * cannot send without a preflight this server never grants), JSON, at most {@value #MAX_BODY} bytes.
     */
    private static JsonNode body(HttpExchange x) throws IOException {
        if (!"1".equals(x.getRequestHeaders().getFirst("x-eventflow-console"))) {
            json(
                    x,
                    403,
                    Map.of(
                            "error",
                            "console actions need the X-Eventflow-Console: 1 header (sent by the console page)"));
            return null;
        }
        byte[] bytes;
        try (InputStream in = x.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            json(x, 413, Map.of("error", "request body over " + MAX_BODY + " bytes"));
            return null;
        }
        JsonNode n = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        if (!n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return n;
    }

    private static long since(String query) {
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("since=")) {
                    try {
                        return Long.parseLong(kv.substring(6));
                    } catch (NumberFormatException ignored) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    private void asset(HttpExchange x, String name) throws IOException {
        try (InputStream in = Console.class.getResourceAsStream("/io/eventflow/runtime/console/" + name)) {
            if (in == null) {
                json(x, 404, Map.of("error", name + " is missing from the runtime's jar"));
                return;
            }
            byte[] bytes = in.readAllBytes();
            x.getResponseHeaders().set("content-type", ASSETS.get(name));
            x.getResponseHeaders().set("cache-control", "no-cache");
            x.getResponseHeaders()
                    .set("content-security-policy", "default-src 'self'; style-src 'self'; img-src 'self' data:");
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void json(HttpExchange x, int status, Object value) throws IOException {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("content-type", "application/json");
        x.getResponseHeaders().set("cache-control", "no-store");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ answers

    private Map<String, Object> topology() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("template", template.path().getFileName().toString());
        m.put("parameters", template.parameters());
        m.put("endpoint", endpoint);
        m.put("api", "http://127.0.0.1:" + runtime.port());
        m.put("nodes", picture.nodes());
        m.put("edges", picture.edges());
        m.put("others", picture.others());
        m.put("lanes", picture.lanes());
        m.put(
                "operations",
                Map.of("redrive", operations.has(Operations.REDRIVE), "replay", operations.has(Operations.REPLAY)));
        return m;
    }

    private Map<String, Object> state(long since) {
        Map<String, QueueDepths.Depth> d = depths.watch();
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (Topology.Node n : picture.nodes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            switch (n.kind()) {
                case "function", "ops" -> {
                    c.putAll(feed.functionCounts(n.id()));
                    c.put("inFlight", runtime.activity().inFlight(n.id()));
                }
                case "queue", "dlq" -> {
                    QueueDepths.Depth q = d.get(n.id());
                    if (q != null) {
                        c.put("visible", q.visible());
                        c.put("inFlight", q.inFlight());
                    }
                }
                default -> {}
            }
            if (!c.isEmpty()) {
                nodes.put(n.id(), c);
            }
        }
        Map<String, Object> edges = new LinkedHashMap<>();
        for (Topology.Edge e : picture.edges()) {
            if (e.counts() != null) {
                edges.put(e.id(), edgeCounts(e.counts(), d));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", feed.seq());
        m.put("time", Instant.now().toString());
        m.put("inFlight", runtime.activity().inFlight());
        m.put("invokes", runtime.activity().invokes());
        m.put("depthsAgeMs", depths.ageMillis());
        m.put("error", depths.error());
        m.put("nodes", nodes);
        m.put("edges", edges);
        m.put("hops", feed.since(since, 60));
        return m;
    }

    private Map<String, Object> edgeCounts(String key, Map<String, QueueDepths.Depth> d) {
        int colon = key.indexOf(':');
        String kind = key.substring(0, colon);
        String what = key.substring(colon + 1);
        return switch (kind) {
            case "source" -> {
                Map<String, Object> c = new LinkedHashMap<>(feed.edgeCounts(what));
                String from = what.substring(0, what.indexOf('>'));
                QueueDepths.Depth q = d.get(from);
                c.put(
                        "inFlight",
                        q != null ? q.inFlight() : runtime.activity().inFlight(what.substring(what.indexOf('>') + 1)));
                yield c;
            }
            case "out" -> Map.of("delivered", feed.functionCounts(what).get("delivered"));
            case "arrivals" -> Map.of("delivered", arrivals(what));
            case "arrivals-rule" ->
                Map.of(
                        "delivered",
                        ruleQueues.getOrDefault(what, List.of()).stream()
                                .mapToLong(this::arrivals)
                                .sum());
            case "depth" -> {
                QueueDepths.Depth q = d.get(what);
                yield Map.of("inDlq", q == null ? 0 : q.visible() + q.inFlight());
            }
            default -> Map.of();
        };
    }

    /** Messages that reached a queue's consumer for the first time, plus those waiting in it now. */
    private long arrivals(String queue) {
        String edge = consumerEdgeOfQueue.get(queue);
        if (edge == null) {
            return 0;
        }
        Map<String, Object> c = feed.edgeCounts(edge);
        return (long) c.get("delivered") + (long) c.get("failed") - (long) c.get("retried");
    }

    private Map<String, Object> orders() {
        List<Map.Entry<String, Instant>> newest = orders.newest(ORDERS_SHOWN);
        Map<String, Map<String, AttributeValue>> views = new LinkedHashMap<>();
        var table = template.table("OrderViewTable").map(Model.Table::name);
        if (table.isPresent() && !newest.isEmpty()) {
            List<Map<String, AttributeValue>> keys = newest.stream()
                    .map(e -> Map.of("orderId", AttributeValue.fromS(e.getKey())))
                    .toList();
            for (int i = 0; i < keys.size(); i += 100) {
                List<Map<String, AttributeValue>> chunk = keys.subList(i, Math.min(keys.size(), i + 100));
                var r = clients.dynamo.batchGetItem(b -> b.requestItems(Map.of(
                        table.get(),
                        KeysAndAttributes.builder()
                                .keys(chunk)
                                .projectionExpression("orderId, #s, version, updatedAt, totalCents, currency")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .build())));
                r.responses()
                        .getOrDefault(table.get(), List.of())
                        .forEach(item -> views.put(item.get("orderId").s(), item));
            }
        }
        Map<String, String> inDlq = deadLetters.ordersInDlqs();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Instant> e : newest) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("orderId", e.getKey());
            row.put("placedAt", e.getValue().toString());
            Map<String, AttributeValue> v = views.get(e.getKey());
            row.put("status", v == null ? "PLACED?" : v.get("status").s());
            row.put(
                    "version",
                    v == null || !v.containsKey("version")
                            ? 0
                            : Long.parseLong(v.get("version").n()));
            row.put(
                    "updatedAt",
                    v == null || !v.containsKey("updatedAt")
                            ? null
                            : v.get("updatedAt").s());
            row.put(
                    "totalCents",
                    v == null || !v.containsKey("totalCents")
                            ? null
                            : Long.parseLong(v.get("totalCents").n()));
            row.put(
                    "currency",
                    v == null || !v.containsKey("currency")
                            ? null
                            : v.get("currency").s());
            row.put("inDlq", inDlq.get(e.getKey()));
            out.add(row);
        }
        return Map.of("orders", out, "shown", ORDERS_SHOWN);
    }

    private Map<String, Object> redrive(JsonNode body) {
        String dlq = body.path("dlq").asText("");
        Model.Queue q = template.queues().stream()
                .filter(x -> x.logicalId().equals(dlq) || x.name().equals(dlq))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + dlq + " in the template"));
        if (!template.dlqArns().contains(q.arn())) {
            throw new IllegalArgumentException(q.logicalId() + " is not a dead-letter queue");
        }
        Operations.Outcome o = operations.redrive(q.name());
        Map<String, Object> m = outcome(o);
        m.put("dlq", q.logicalId());
        m.put("dlqs", deadLetters.list(depths.watch(), true));
        return m;
    }

    private Map<String, Object> replay(JsonNode body) {
        return outcome(operations.replay(Operations.replayRequest(body)));
    }

    private static Map<String, Object> outcome(Operations.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", o.ok());
        m.put("request", o.request());
        m.put("result", o.payload());
        m.put("error", o.error());
        m.put("durationMs", o.durationMs());
        return m;
    }
}
