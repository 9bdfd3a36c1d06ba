package io.eventflow.capacity.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.sources.Activity;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Places orders one at a time through the local runtime (the real functions and template.yaml on an emulator),
 * waits until the system is quiet after each, and records what each order cost in AWS calls ({@link CallCounter}),
 * Lambda invocations and durations (the runtime's hops) and log bytes. The first {@code warmup} orders of each
 * path warm the JVM and are not recorded.
 */
public final class Measurement {
    public record OrderCost(
            Tally.Snapshot calls, List<Activity.Hop> hops, Map<String, long[]> logs, long[] platformLogs) {}

    private final Path root;
    private final PrintStream progress;

    public Measurement(Path root, PrintStream progress) {
        this.root = root;
        this.progress = progress;
    }

    /** Runs on the endpoint already set as aws.endpointUrl; returns path name -> the recorded orders. */
    public Map<String, List<OrderCost>> run(String endpoint, int warmup, int perPath) throws Exception {
        Template template = Template.load(
                root.resolve("template.yaml"),
                Map.of(),
                io.eventflow.runtime.CallerAccount.discover(),
                io.eventflow.runtime.QueueUrls.ofEndpoint());
        CallCounter.configure(shapes(template));
        LineCounter functionLogs = new LineCounter(null);
        redirect(JsonLog.class, functionLogs);
        redirect(Metrics.class, functionLogs);
        // the runtime's log carries Lambda's START / END / REPORT lines (CloudWatch ingests those too) and, where the
        // runtime captures each function's stdout, the function's own lines
        LineCounter runtimeLog = new LineCounter(null) {
            @Override
            String key(String line) {
                if (line.startsWith("START ") || line.startsWith("END ") || line.startsWith("REPORT ")) {
                    return "platform";
                }
                String caller = CallCounter.caller(Thread.currentThread());
                return line.startsWith("[runtime]") || caller.equals("driver") || caller.startsWith("ESM:")
                        ? null
                        : caller;
            }
        };
        List<Activity.Hop> hops = new CopyOnWriteArrayList<>();
        Clients clients = new Clients();
        // Visibility as in the template (capped at 30 s): a slow handler on a busy machine must not see its message
        // redelivered, which would count a second handling as part of the order.
        LocalRuntime.Options options = new LocalRuntime.Options(0, 30, 1, 100, 100, Map.of(), false);
        Map<String, List<OrderCost>> out = new LinkedHashMap<>();
        // The counter must sit in the class loader that builds each function's SDK clients: each function gets a loader
        // of its own over its artifact, so this module's classes (CallCounter + its global interceptor file) are
        // appended to every function's classpath.
        try (LocalRuntime runtime = new LocalRuntime(
                template,
                CodeLocator.forTemplate(template).withCodeOf(CallCounter.class),
                clients,
                options,
                new PrintStream(java.io.OutputStream.nullOutputStream()),
                runtimeLog,
                hops::add)) {
            runtime.start();
            seed(clients, template);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (OrderPaths.Path p : OrderPaths.ALL) {
                List<OrderCost> costs = new ArrayList<>();
                for (int i = 0; i < warmup + perPath; i++) {
                    quiet(runtime);
                    Tally.Snapshot before = Tally.GLOBAL.snapshot();
                    Map<String, long[]> logsBefore = functionLogs.snapshot();
                    Map<String, long[]> runtimeBefore = runtimeLog.snapshot();
                    long[] platformBefore = runtimeBefore.getOrDefault("platform", new long[2]);
                    int hopsBefore = hops.size();
                    long start = System.currentTimeMillis();
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/orders"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(OrderPaths.body(p)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2) {
                        throw new IllegalStateException(
                                "POST /orders (" + p.name() + ") answered " + r.statusCode() + ": " + r.body());
                    }
                    quiet(runtime);
                    long[] platform = runtimeLog.snapshot().getOrDefault("platform", new long[2]);
                    Map<String, long[]> logs = minus(functionLogs.snapshot(), logsBefore);
                    minus(runtimeLog.snapshot(), runtimeBefore).forEach((k, v) -> {
                        if (!k.equals("platform")) {
                            logs.merge(k, v, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                        }
                    });
                    OrderCost cost = new OrderCost(
                            Tally.GLOBAL.snapshot().minus(before),
                            List.copyOf(hops.subList(hopsBefore, hops.size())),
                            logs,
                            new long[] {platform[0] - platformBefore[0], platform[1] - platformBefore[1]});
                    progress.printf(
                            "capacity: order %d of path %s%s: %d invocations, %d ms%n",
                            i + 1,
                            p.name(),
                            i < warmup ? " (warm-up)" : "",
                            cost.hops().size(),
                            System.currentTimeMillis() - start);
                    if (i >= warmup) {
                        costs.add(cost);
                    }
                }
                out.put(p.name(), costs);
            }
        } finally {
            CallCounter.disable();
        }
        return out;
    }

    /**
     * Points the shared JSON-log / EMF sinks at the counter where the code has such a hook (functions in the runtime's
     * class loader); where each function runs in a loader of its own, the runtime captures their stdout instead.
     */
    private static void redirect(Class<?> logger, PrintStream sink) {
        try {
            logger.getMethod("redirect", PrintStream.class).invoke(null, sink);
        } catch (NoSuchMethodException absent) {
            // no hook: the lines reach the runtime's log
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot redirect " + logger.getSimpleName() + ": " + e, e);
        }
    }

    /** Nothing in flight, queues empty and idle for 400 ms, twice in a row (bounded: 60 s). */
    private static void quiet(LocalRuntime runtime) throws InterruptedException {
        if (!runtime.awaitQuiescence(
                java.time.Duration.ofMillis(400), System.currentTimeMillis() + 60_000, () -> false)) {
            throw new IllegalStateException("the runtime did not become quiet within 60 s");
        }
    }

    private static void seed(Clients clients, Template template) {
        String table = template.table("InventoryTable").orElseThrow().name();
        // Stock and catalog price on one item, as the runtime's Seed does: the API prices orders from it.
        OrderPaths.SEED.forEach((sku, qty) -> clients.dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "sku",
                        AttributeValue.fromS(sku),
                        "available",
                        AttributeValue.fromN(Long.toString(qty)),
                        "priceCents",
                        AttributeValue.fromN(Long.toString(OrderPaths.PRICE_CENTS)),
                        "currency",
                        AttributeValue.fromS(OrderPaths.CURRENCY)))));
    }

    /** Physical table name -> logical id, key attributes and the global secondary indexes' keys, from template.yaml. */
    static Map<String, CallCounter.TableShape> shapes(Template template) {
        Map<String, CallCounter.TableShape> shapes = new LinkedHashMap<>();
        for (Model.Table t : template.tables()) {
            Model.TableSchema schema = template.tableSchema(t.logicalId());
            Map<String, List<String>> indexes = new TreeMap<>();
            schema.indexes().forEach(i -> indexes.put(i.name(), i.keyNames()));
            shapes.put(t.name(), new CallCounter.TableShape(t.logicalId(), schema.keyNames(), indexes));
        }
        return shapes;
    }

    private static Map<String, long[]> minus(Map<String, long[]> now, Map<String, long[]> before) {
        Map<String, long[]> m = new TreeMap<>();
        now.forEach((k, v) -> {
            long[] b = before.getOrDefault(k, new long[2]);
            if (v[0] - b[0] != 0) {
                m.put(k, new long[] {v[0] - b[0], v[1] - b[1]});
            }
        });
        return m;
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    static ObjectNode object() {
        return mapper().createObjectNode();
    }
}
