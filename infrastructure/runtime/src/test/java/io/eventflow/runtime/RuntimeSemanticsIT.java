package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.invoke.FunctionCode;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.sources.Activity;
import io.eventflow.runtime.sources.HttpApiServer;
import io.eventflow.runtime.sources.SqsPoller;
import io.eventflow.runtime.sources.StreamPoller;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** Lambda event-source semantics of the runtime itself, against the embedded moto, with test handlers. */
@ExtendWith(EmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeSemanticsIT {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Recorded log = Recorded.log();
    private final List<Activity.Hop> hops = new CopyOnWriteArrayList<>();
    private final Activity activity = new Activity(hops::add);
    private Clients clients;
    private Template template;

    @BeforeAll
    void provision() {
        clients = new Clients();
        template = TestTemplates.load(suffix, clients);
        new Provisioner(clients, log).provision(template, 3);
        // provisioning again against the same endpoint keeps what exists and applies changed attributes
        new Provisioner(clients, log).provision(template, 2);
    }

    @AfterAll
    void stop() {
        hops.clear();
    }

    private Model.Queue queue(String logicalId) {
        return template.queues().stream()
                .filter(q -> q.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
    }

    private SqsPoller sqsPoller(FunctionContainer c) {
        Model.Function f = c.function();
        return new SqsPoller(
                c, (Model.SqsSource) f.events().get(0), template.resolver(), clients.sqs, activity, log, 1);
    }

    private StreamPoller streamPoller(FunctionContainer c) {
        Model.StreamSource source = (Model.StreamSource) c.function().events().get(0);
        return new StreamPoller(c, source, template.resolver(), clients, activity, log, 50, 10);
    }

    /** Receives (and deletes) until there are {@code atLeast} bodies and a receive comes back empty. */
    private List<String> drain(String logicalId, int atLeast, long timeoutMs) {
        String url = template.queueUrl(queue(logicalId));
        List<String> bodies = new ArrayList<>();
        await(atLeast + " on " + logicalId)
                .atMost(Duration.ofMillis(timeoutMs))
                .pollInSameThread()
                .until(() -> {
                    List<Message> ms = clients.sqs
                            .receiveMessage(
                                    b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages();
                    for (Message m : ms) {
                        bodies.add(m.body());
                        clients.sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                    }
                    return bodies.size() >= atLeast && ms.isEmpty();
                });
        return bodies;
    }

    /** Polls until four polls in a row hand over nothing (bounded). */
    private void pollUntilIdle(SqsPoller poller, long timeoutMs) {
        AtomicInteger idle = new AtomicInteger();
        await("the poller idle")
                .atMost(Duration.ofMillis(timeoutMs))
                .pollInSameThread()
                .until(() -> {
                    if (poller.pollOnce() > 0) {
                        idle.set(0);
                        return false;
                    }
                    return idle.incrementAndGet() >= 4;
                });
    }

    @Test
    void partialBatchFailureRetriesOnlyTheFailedMessageThenRedrivesItToTheDlq() throws Exception {
        log.clear();
        FunctionContainer c =
                new FunctionContainer(template.function("SqsFunction"), FunctionCode.ofThisJvm(), Map.of(), log);
        String url = template.queueUrl(queue("WorkQueue"));
        for (String body : List.of("ok-1", "ok-2", "fail-A")) {
            clients.sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
        pollUntilIdle(sqsPoller(c), 20_000);
        // maxReceiveCount 2: fail-A is received twice, then the queue moves it to the DLQ.
        assertThat(log.after("delivered:"))
                .filteredOn(d -> d.startsWith("ok-"))
                .containsExactlyInAnyOrder("ok-1#1", "ok-2#1");
        assertThat(log.after("delivered:"))
                .filteredOn(d -> d.startsWith("fail-A"))
                .containsExactly("fail-A#1", "fail-A#2");
        assertThat(drain("WorkDLQ", 1, 5_000)).containsExactly("fail-A");
        c.close();
    }

    @Test
    void aThrownErrorDeletesNothingAndTheWholeBatchComesBack() throws Exception {
        log.clear();
        FunctionContainer c =
                new FunctionContainer(template.function("SqsFunction"), FunctionCode.ofThisJvm(), Map.of(), log);
        String url = template.queueUrl(queue("WorkQueue"));
        clients.sqs.sendMessageBatch(b -> b.queueUrl(url)
                .entries(e -> e.id("1").messageBody("bystander"), e -> e.id("2").messageBody("throw")));
        SqsPoller poller = sqsPoller(c);
        assertThat(poller.pollOnce()).isEqualTo(2);
        assertThat(hops.get(hops.size() - 1).outcome()).startsWith("error java.lang.IllegalStateException");
        pollUntilIdle(poller, 20_000);
        // both messages were received again after the visibility timeout, then dead-lettered
        assertThat(log.after("delivered:")).contains("bystander#1", "bystander#2", "throw#1", "throw#2");
        assertThat(drain("WorkDLQ", 2, 5_000)).containsExactlyInAnyOrder("bystander", "throw");
        c.close();
    }

    @Test
    void aFailingStreamBatchIsBisectedAndTheOnFailureDestinationGetsTheMetadata() throws Exception {
        log.clear();
        Model.Function f = template.function("StreamFunction");
        FunctionContainer c = new FunctionContainer(f, FunctionCode.ofThisJvm(), Map.of(), log);
        String table = template.table("WorkTable").orElseThrow().name();
        for (String id : List.of("a", "b", "poison-1", "c")) {
            clients.dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
        }
        StreamPoller poller = streamPoller(c);
        poller.start();
        int processed = 0;
        for (int i = 0; i < 20 && processed < 4; i++) {
            processed += poller.pollOnce();
        }
        assertThat(processed).isEqualTo(4);
        // BatchSize 4 -> fails -> halves [a,b] ok, [poison-1,c] fails -> [poison-1] fails, retried once
        // (MaximumRetryAttempts 1), then skipped to the OnFailure destination; [c] ok.
        assertThat(log.after("batch:"))
                .containsExactly("a,b,poison-1,c", "a,b", "poison-1,c", "poison-1", "poison-1", "c");
        List<String> failures = drain("StreamFailureQueue", 1, 5_000);
        assertThat(failures).hasSize(1);
        JsonNode record = Json.parse(failures.get(0));
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:" + f.name());
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/version").asText()).isEqualTo("1.0");
        JsonNode info = record.get("DDBStreamBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("startSequenceNumber").asText())
                .isEqualTo(info.get("endSequenceNumber").asText());
        assertThat(info.get("streamArn").asText()).contains(":table/" + table + "/stream/");
        assertThat(info.has("shardId")).isTrue();
        assertThat(record.has("Records")).isFalse();
        c.close();
    }

    @Test
    void aPartialStreamResponseCheckpointsBeforeTheLowestReportedRecordAndRetriesFromThere() throws Exception {
        log.clear();
        Model.Function f = template.function("RbifFunction");
        FunctionContainer c = new FunctionContainer(f, FunctionCode.ofThisJvm(), Map.of(), log);
        String table = template.table("RbifTable").orElseThrow().name();
        for (String id : List.of("a", "bad-1", "c")) {
            clients.dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
        }
        StreamPoller poller = streamPoller(c);
        poller.start();
        int processed = 0;
        for (int i = 0; i < 20 && processed < 3; i++) {
            processed += poller.pollOnce();
        }
        // [a, bad-1, c] reports bad-1: a is checkpointed, [bad-1, c] is retried (c again, although it succeeded),
        // MaximumRetryAttempts 1 is then exhausted and the remainder's metadata goes to the destination.
        assertThat(log.after("batch:")).containsExactly("a,bad-1,c", "bad-1,c");
        List<String> failures = drain("StreamFailureQueue", 1, 5_000);
        assertThat(failures).hasSize(1);
        JsonNode record = Json.parse(failures.get(0));
        assertThat(record.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        c.close();
    }

    @Test
    void filterPoliciesRouteOnlyMatchingNotificationsAndAgreeWithEventRuler() throws Exception {
        String topicArn = template.topics().get(0).arn();
        for (String type : List.of("OrderConfirmed", "ShipmentScheduled", "OrderPlaced")) {
            clients.sns.publish(b -> b.topicArn(topicArn)
                    .message("{\"type\":\"" + type + "\"}")
                    .messageAttributes(Map.of(
                            "eventType",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue(type)
                                    .build())));
        }
        List<String> shipped = drain("ShippedQueue", 1, 8_000);
        List<String> all = drain("AllQueue", 2, 8_000);
        assertThat(shipped).containsExactly("{\"type\":\"ShipmentScheduled\"}");
        assertThat(all)
                .hasSize(2)
                .allSatisfy(b -> assertThat(Json.parse(b).get("Type").asText()).isEqualTo("Notification"));
        assertThat(all)
                .extracting(b -> Json.parse(b).get("Message").asText())
                .containsExactlyInAnyOrder("{\"type\":\"OrderConfirmed\"}", "{\"type\":\"ShipmentScheduled\"}");
        for (Model.Subscription s : template.subscriptions()) {
            for (String type : List.of("OrderConfirmed", "ShipmentScheduled", "OrderPlaced")) {
                boolean ruler = Patterns.matchesAttributes(
                        s.filterPolicy(), Map.of("eventType", Map.of("Type", "String", "Value", type)));
                boolean moto = (s.logicalId().equals("ShippedSubscription")
                        ? shipped.stream().anyMatch(b -> b.contains(type))
                        : all.stream().anyMatch(b -> b.contains(type)));
                assertThat(moto).as(s.logicalId() + " / " + type).isEqualTo(ruler);
            }
        }
    }

    @Test
    void ruleDeliversMatchingEventsToItsSqsTargetAsEventRulerSays() throws Exception {
        Model.Rule rule = template.rules().get(0);
        for (String[] e : List.of(
                new String[] {"eventflow.orders", "OrderPlaced"},
                new String[] {"eventflow.orders", "OrderConfirmed"},
                new String[] {"other.orders", "OrderPlaced"})) {
            var r = clients.events.putEvents(b -> b.entries(x ->
                    x.eventBusName(rule.busName()).source(e[0]).detailType(e[1]).detail("{\"orderId\":\"o-1\"}")));
            assertThat(r.failedEntryCount()).isZero();
        }
        List<String> delivered = drain("RuledQueue", 1, 8_000);
        assertThat(delivered).hasSize(1);
        JsonNode event = Json.parse(delivered.get(0));
        assertThat(event.get("detail-type").asText()).isEqualTo("OrderPlaced");
        assertThat(event.get("source").asText()).isEqualTo("eventflow.orders");
        assertThat(Patterns.matchesEvent(rule.pattern(), delivered.get(0))).isTrue();
        assertThat(Patterns.matchesEvent(rule.pattern(), delivered.get(0).replace("eventflow.orders", "other.orders")))
                .isFalse();
    }

    @Test
    void httpApiBuildsPayloadV2AndMapsTheResponse() throws Exception {
        Model.Function f = template.function("HttpFunction");
        FunctionContainer c = new FunctionContainer(f, FunctionCode.ofThisJvm(), Map.of(), log);
        List<HttpApiServer.Binding> bindings = f.events().stream()
                .map(e -> new HttpApiServer.Binding((Model.HttpRoute) e, c))
                .toList();
        try (HttpApiServer server = new HttpApiServer(0, bindings, activity, log, "111122223333")) {
            server.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            var get = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/items/42?x=1"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(201);
            assertThat(get.headers().firstValue("x-test")).contains("yes");
            JsonNode g = Json.parse(get.body());
            assertThat(g.get("routeKey").asText()).isEqualTo("GET /items/{itemId}");
            assertThat(g.get("itemId").asText()).isEqualTo("42");
            assertThat(g.get("fn").asText()).isEqualTo(f.name());
            var post = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode p = Json.parse(post.body());
            assertThat(p.get("base64").asBoolean()).isTrue();
            assertThat(p.get("body").asText()).isEqualTo("AQID");
            assertThat(p.get("contentType").asText()).isEqualTo("application/octet-stream");
            var boom = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .POST(HttpRequest.BodyPublishers.ofString("boom"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(boom.statusCode()).isEqualTo(500);
            var missing = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/nothing")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            // AWS_IAM routes: the caller header becomes requestContext.authorizer.iam and is not forwarded
            String alice = "arn:aws:iam::123456789012:user/alice";
            JsonNode signed = Json.parse(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/signed/7"))
                                    .header(HttpApiServer.CALLER_HEADER, alice)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(signed.get("caller").asText()).isEqualTo(alice);
            assertThat(signed.get("userId").asText()).startsWith("AIDA");
            assertThat(signed.get("callerHeader").asText()).isEmpty();
            String session = "arn:aws:sts::123456789012:assumed-role/Shop/alice";
            JsonNode assumed = Json.parse(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/signed/7"))
                                    .header(HttpApiServer.CALLER_HEADER, session)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(assumed.get("caller").asText()).isEqualTo(session);
            assertThat(assumed.get("userId").asText())
                    .as("role id : session name, as AWS sends it")
                    .startsWith("AROA")
                    .endsWith(":alice");
            JsonNode unnamed = Json.parse(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/signed/7"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(unnamed.get("caller").asText()).isEqualTo(HttpApiServer.localCaller("111122223333"));
            var forged = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/signed/7"))
                            .header(HttpApiServer.CALLER_HEADER, "root")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            JsonNode open = Json.parse(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/items/42"))
                                    .header(HttpApiServer.CALLER_HEADER, alice)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(open.get("caller").asText())
                    .as("no authorizer on an open route")
                    .isEmpty();
            assertThat(open.get("callerHeader").asText())
                    .as("an ordinary header there")
                    .isEqualTo(alice);
        }
        c.close();
    }
}
