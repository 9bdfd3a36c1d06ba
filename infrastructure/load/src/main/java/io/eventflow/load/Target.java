package io.eventflow.load;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.events.EventEnvelope;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.trace.InvocationLog;
import io.eventflow.store.DynamoDbEventStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a load run aims at and what it can see of it: the API to POST orders to (signed when the API wants SigV4),
 * the event store (each order's events and their timestamps; absent for a bare URL), the queues whose depth is
 * sampled, and the deliveries to each function with their start times (the local runtime's hops, or the invocation
 * record of a running `up`).
 */
abstract class Target implements AutoCloseable {
    /** One delivery of a stored event to a function: when its invoke started. */
    record Delivery(String function, String source, String eventId, long startMillis, boolean first) {
        static List<Delivery> of(Activity.Hop h) {
            return of(h.function(), h.source(), h.time().toEpochMilli() - h.durationMs(), h.items());
        }

        static List<Delivery> of(InvocationLog.Invocation i) {
            return of(
                    i.function(),
                    i.source(),
                    java.time.Instant.parse(i.time()).toEpochMilli() - i.durationMs(),
                    i.items());
        }

        private static List<Delivery> of(String function, String source, long start, List<Activity.Item> items) {
            List<Delivery> out = new ArrayList<>();
            for (Activity.Item item : items) {
                if (item.eventId() != null && !item.replay()) {
                    out.add(new Delivery(function, source, item.eventId(), start, item.receiveCount() <= 1));
                }
            }
            return out;
        }
    }

    private final String kind;
    private final URI api;
    private final Mix.Catalog catalog;
    private final String description;

    /**
     * @param api the API's base URL (POST {@code api}orders)
     * @param catalog the SKUs orders ask for
     */
    Target(String kind, URI api, Mix.Catalog catalog, String description) {
        this.kind = kind;
        this.api = api.getPath() == null || api.getPath().endsWith("/") ? api : URI.create(api + "/");
        this.catalog = catalog;
        this.description = description;
    }

    /** local (in this process), up (a running `up`), url (a bare API URL), stack (a deployed stack). */
    final String kind() {
        return kind;
    }

    final String describe() {
        return description;
    }

    final URI api() {
        return api;
    }

    final Mix.Catalog catalog() {
        return catalog;
    }

    /** POST /orders with {@code body}, signed if the API needs it. */
    HttpRequest order(String body, String key, Duration timeout) {
        return base(key, timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    final HttpRequest.Builder base(String key, Duration timeout) {
        return HttpRequest.newBuilder(api().resolve("orders"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("X-Correlation-Id", key);
    }

    /** Whether {@link #events} can read the store. */
    boolean readsStore() {
        return store() != null;
    }

    /** The order's stored events, oldest first. */
    List<EventEnvelope> events(String orderId) {
        return store().readStream("Order-" + orderId, 1);
    }

    DynamoDbEventStore store() {
        return null;
    }

    /** Queue logical id to URL, for depth sampling; empty when the queues cannot be seen. */
    Map<String, String> queues() {
        return Map.of();
    }

    SqsClient sqs() {
        return null;
    }

    /** Hands every delivery to {@code sink} as it happens (the in-process runtime only). */
    void watch(Consumer<Delivery> sink) {}

    /** Deliveries since {@code sinceMillis} that the target recorded elsewhere (a running `up`'s record). */
    List<Delivery> recorded(long sinceMillis) {
        return List.of();
    }

    /**
     * Waits, up to {@code deadlineMillis}, until the target has nothing left to do; false when it cannot tell (then
     * the run polls the store for each order instead).
     */
    boolean awaitIdle(long deadlineMillis) throws InterruptedException {
        return false;
    }

    @Override
    public void close() {}

    /** The queues of a template resolved on its endpoint. */
    static Map<String, String> queues(Template template) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Model.Queue q : template.queues()) {
            out.put(q.logicalId(), template.queueUrl(q));
        }
        return out;
    }

    /** The event store of a template, read with {@code dynamo}; null when the template has none. */
    static DynamoDbEventStore store(Template template, DynamoDbClient dynamo) {
        return template.table("EventStoreTable")
                .map(t -> new DynamoDbEventStore(dynamo, t.name()))
                .orElse(null);
    }

    /** The template's functions, run in this process on an emulator this run started. */
    static final class Local extends Target {
        static final Mix.Catalog CATALOG = new Mix.Catalog("LOAD-SKU-1", "LOAD-SKU-OUT");
        private final LocalRuntime runtime;
        private final AutoCloseable resources;

        /** @param resources what to close after the run (the runtime, its emulator, its log) */
        Local(LocalRuntime runtime, AutoCloseable resources, String description) {
            super("local", URI.create("http://127.0.0.1:" + runtime.port() + "/"), CATALOG, description);
            this.runtime = runtime;
            this.resources = resources;
        }

        @Override
        DynamoDbEventStore store() {
            return store(runtime.template(), runtime.clients().dynamo);
        }

        @Override
        Map<String, String> queues() {
            return queues(runtime.template());
        }

        @Override
        SqsClient sqs() {
            return runtime.clients().sqs;
        }

        @Override
        void watch(Consumer<Delivery> sink) {
            runtime.activity().subscribe(h -> Delivery.of(h).forEach(sink));
        }

        @Override
        boolean awaitIdle(long deadlineMillis) throws InterruptedException {
            return runtime.awaitQuiescence(Duration.ofSeconds(2), deadlineMillis, () -> false);
        }

        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the local runtime: " + e.getMessage(), e);
            }
        }
    }

    /** The running `up` of this checkout, through its API; its emulator and invocation record are read directly. */
    static final class Up extends Target {
        private final Template template;
        private final Clients clients;
        private final Path invocations;

        /** @param catalog SKUs of the catalog `up` seeded (events/inventory: its stock runs out, as the report shows) */
        Up(URI api, Mix.Catalog catalog, Template template, Clients clients, Path invocations) {
            super("up", api.resolve("/"), catalog, "the running `up` at " + api.resolve("/"));
            this.template = template;
            this.clients = clients;
            this.invocations = invocations;
        }

        @Override
        DynamoDbEventStore store() {
            return store(template, clients.dynamo);
        }

        @Override
        Map<String, String> queues() {
            return queues(template);
        }

        @Override
        SqsClient sqs() {
            return clients.sqs;
        }

        @Override
        List<Delivery> recorded(long sinceMillis) {
            return InvocationLog.read(List.of(invocations)).stream()
                    .filter(i -> java.time.Instant.parse(i.time()).toEpochMilli() >= sinceMillis)
                    .flatMap(i -> Delivery.of(i).stream())
                    .toList();
        }
    }

    /** An API somebody else runs: only its answers can be seen. */
    static final class Url extends Target {
        Url(URI api, Mix.Catalog catalog) {
            super("url", api, catalog, api + " (HTTP answers only: no store, no queues)");
        }
    }
}
