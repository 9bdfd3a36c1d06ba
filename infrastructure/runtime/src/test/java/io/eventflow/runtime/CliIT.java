package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.runtime.ops.StateDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verbs against a running `up` (in this JVM, on the embedded moto, state in a temp dir), as a user drives
 * them: place an order over HTTP, trace it to done, inspect with the API URL `ready` printed, invoke a sample on
 * the warm instances, replay by bare order id, redrive by logical id; a second `up` changes nothing.
 */
@MotoOnly // the verbs as a user drives them; DemoIT runs the same runtime on LocalStack
class CliIT {
    static Path state;
    static Cli up;
    static Thread upThread;
    static final AtomicInteger upExit = new AtomicInteger(-1);
    static StateDir.Running running;

    record Run(int code, String out, String err) {
        String firstOut() {
            return out.lines().findFirst().orElse("");
        }

        String firstErr() {
            return err.lines().findFirst().orElse("");
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void startUp() throws Exception {
        state = Files.createTempDirectory("eventflow-state");
        System.setProperty("eventflow.state", state.toString());
        ByteArrayOutputStream upOut = new ByteArrayOutputStream();
        up = new Cli(
                new PrintStream(upOut, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true));
        upThread = new Thread(() -> upExit.set(up.run("up", "--port", "0", "--visibility-timeout", "3")), "cli-it-up");
        upThread.start();
        StateDir dir = new StateDir(state);
        await("up to be ready or to end")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> dir.running().isPresent() || !upThread.isAlive());
        running = dir.running().orElseThrow(() -> new AssertionError("up did not start: " + upOut));
    }

    @AfterAll
    static void stopUp() throws Exception {
        up.stop();
        upThread.join(60_000);
        assertThat(upExit.get()).isZero();
        assertThat(state.resolve("runtime.json"))
                .as("the owner removes its runtime.json")
                .doesNotExist();
        System.clearProperty("eventflow.state");
    }

    @Test
    void aSecondUpIsRefusedAndTheFirstKeepsItsStateFile() throws Exception {
        String before = Files.readString(state.resolve("runtime.json"));
        Run second = run("up", "--port", "0");
        assertThat(second.code()).isEqualTo(4);
        assertThat(second.firstErr()).startsWith("eventflow up: an `up` is already running in this checkout (pid ");
        assertThat(Files.readString(state.resolve("runtime.json"))).isEqualTo(before);
        assertThat(run("inspect").code()).isZero();
    }

    @Test
    void anOrderPlacedOverHttpIsTracedToDoneAndEveryVerbNamesItTheSameWay() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> placed = http.send(
                HttpRequest.newBuilder(URI.create(running.api() + "/orders"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"CUST-7","customerEmail":"qa@example.com","customerPhone":"+15550100007","currency":"EUR",
                         "items":[{"sku":"SKU-003","quantity":1,"unitPriceCents":1999}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = Json.parse(placed.body()).path("orderId").asText();

        JsonNode trace = awaitTrace(orderId, "done");
        assertThat(trace.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(trace.path("events")).hasSize(5);
        assertThat(trace.at("/events/1/causationId").asText())
                .isEqualTo(trace.at("/events/0/eventId").asText());
        assertThat(trace.path("deliveries").findValuesAsText("function"))
                .contains(
                        "OrderApiFunction",
                        "InventoryFunction",
                        "PaymentFunction",
                        "OrderSagaFunction",
                        "ShippingFunction",
                        "ProjectorFunction",
                        "EventRelayFunction");

        Run human = run("trace", "Order-" + orderId);
        assertThat(human.code()).isZero();
        assertThat(human.firstOut()).startsWith("order " + orderId + "  status SHIPPED");
        assertThat(human.out().strip().lines().reduce((a, b) -> b).orElse("")).startsWith("now: done");

        Run logs = run("logs", "--order", orderId);
        assertThat(logs.code()).isZero();
        assertThat(logs.out().lines().count()).isPositive();

        Run replay = run("replay", "--stream", orderId, "--dry-run");
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(Json.parse(replay.out()).path("matched").asInt()).isEqualTo(5);
    }

    @Test
    void aPoisonMessageOfAnOrderEndsDeadInItsDlqAndTraceSaysWhere() throws Exception {
        String orderId = placeOrder();
        awaitTrace(orderId, "done");
        Clients clients = new Clients();
        String queue = clients.sqs
                .getQueueUrl(b -> b.queueName("eventflow-payment-dev"))
                .queueUrl();
        clients.sqs.sendMessage(b -> b.queueUrl(queue)
                .messageBody("{\"orderId\":\"" + orderId + "\",\"note\":\"not an EventBridge event\"}"));
        JsonNode trace = awaitTrace(orderId, "dead");
        assertThat(trace.at("/now/queue").asText()).isEqualTo("PaymentDLQ");
        assertThat(trace.at("/now/detail").asText()).contains("MalformedEventException");
        Run human = run("trace", orderId);
        assertThat(human.out().strip().lines().reduce((a, b) -> b).orElse(""))
                .startsWith("now: dead in PaymentDLQ: ")
                .contains("MalformedEventException");
    }

    static String placeOrder() throws Exception {
        HttpResponse<String> placed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(running.api() + "/orders"))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"CUST-8","customerEmail":"qa@example.com","customerPhone":"+15550100008","currency":"EUR",
                         "items":[{"sku":"SKU-001","quantity":1,"unitPriceCents":1250}]}"""))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).isEqualTo(202);
        return Json.parse(placed.body()).path("orderId").asText();
    }

    /** The order's trace once it is in this state (2 min at most; the last trace seen is in the failure). */
    static JsonNode awaitTrace(String orderId, String state) {
        AtomicReference<JsonNode> trace = new AtomicReference<>();
        await("order " + orderId + " " + state)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .pollInSameThread()
                .untilAsserted(() -> {
                    trace.set(Json.parse(run("trace", orderId, "--json").out()));
                    assertThat(trace.get().at("/now/state").asText())
                            .as(trace.get().toString())
                            .isEqualTo(state);
                });
        return trace.get();
    }

    @Test
    void inspectTakesTheApiUrlThatReadyPrinted() {
        Run r = run("inspect", "--endpoint", running.api());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.firstErr())
                .isEqualTo("note: " + running.api() + " is the API of the running `up`; using its emulator endpoint "
                        + running.endpoint());
        assertThat(r.firstOut()).startsWith("events: ");
    }

    @Test
    void invokeRunsOnTheWarmInstancesWithTheSamplesGivenState() {
        Path sample = RepoRoot.find().resolve("events/inventory/order-placed.json");
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Run r = run("invoke", "InventoryFunction", "--event", sample.toString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("invoke on the running up, in-process client: " + ms + " ms");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("{\"batchItemFailures\":[]}");
            assertThat(r.firstErr()).startsWith("invoke: given ");
        }
    }

    @Test
    void redriveTakesTheLogicalIdInspectPrints() {
        Run r = run("redrive", "InventoryDLQ", "--inspect");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.parse(r.out()).path("dlqUrl").asText()).endsWith("/eventflow-inventory-dlq-dev");
    }

    /** Nothing given up on a healthy run: recover reads RelayFailureQueue through ReplayFunction and finds it empty. */
    @Test
    void recoverRunsTheRecoveryOfReplayFunction() {
        Run r = run("recover", "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = Json.parse(r.out());
        assertThat(report.path("records").asLong()).isZero();
        assertThat(report.path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void publishAppendsTheSampleEnvelope() {
        Run r = run(
                "publish",
                RepoRoot.find().resolve("events/publish/order-placed.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.firstOut()).contains("\"streamId\":\"Order-ORD-PUB-1\"");
    }
}
