package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.sources.Activity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * template.yaml's ProjectorRepairFunction under `up`: a failure record for the stream records of an order, sent to
 * ProjectorFailureQueue, brings back the order's view that was lost.
 */
@ExtendWith(EmulatorExtension.class)
class ProjectorRepairIT {
    @Test
    void aFailureRecordInTheProjectorsFailureQueueRebuildsTheViewsOfItsOrders() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logs, true);
        List<Activity.Hop> hops = new CopyOnWriteArrayList<>();
        Clients clients = new Clients();
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        try (LocalRuntime runtime = new LocalRuntime(
                template, clients, new LocalRuntime.Options(0, 3, 1, 100, 100, Map.of(), false), log, log, hops::add)) {
            runtime.start();
            Seed.inventory(clients, template, RepoRoot.find().resolve("events/inventory/seed-stock.json"));
            String body = Json.parse(Files.readString(RepoRoot.find().resolve("events/order-api/post-order.json")))
                    .get("body")
                    .asText();
            HttpResponse<String> placed = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/orders"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
            String orderId = Json.parse(placed.body()).get("orderId").asText();
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();

            String views = template.table("OrderViewTable").orElseThrow().name();
            Map<String, AttributeValue> key = Map.of("orderId", AttributeValue.fromS(orderId));
            Map<String, AttributeValue> view = clients.dynamo
                    .getItem(b -> b.tableName(views).key(key).consistentRead(true))
                    .item();
            assertThat(view).as("the projected view").isNotEmpty();
            clients.dynamo.deleteItem(b -> b.tableName(views).key(key)); // a view left behind, as far behind as can be

            String store = template.table("EventStoreTable").orElseThrow().name();
            String streamArn = clients.dynamo
                    .describeTable(b -> b.tableName(store))
                    .table()
                    .latestStreamArn();
            List<Record> ofOrder = new ArrayList<>();
            String shardId = null;
            for (var shard : clients.streams
                    .describeStream(b -> b.streamArn(streamArn))
                    .streamDescription()
                    .shards()) {
                String iterator = clients.streams
                        .getShardIterator(b -> b.streamArn(streamArn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = clients.streams.getRecords(b -> b.shardIterator(current));
                    for (Record r : page.records()) {
                        if (("Order-" + orderId)
                                .equals(r.dynamodb().keys().get("streamId").s())) {
                            ofOrder.add(r);
                            shardId = shard.shardId();
                        }
                    }
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            assertThat(ofOrder).isNotEmpty();
            JsonNode record = Json.parse("{\"version\":\"1.0\",\"DDBStreamBatchInfo\":{\"shardId\":\"" + shardId
                    + "\",\"startSequenceNumber\":\""
                    + ofOrder.get(0).dynamodb().sequenceNumber()
                    + "\",\"endSequenceNumber\":\""
                    + ofOrder.get(ofOrder.size() - 1).dynamodb().sequenceNumber()
                    + "\",\"approximateArrivalOfFirstRecord\":\""
                    + ofOrder.get(0).dynamodb().approximateCreationDateTime()
                    + "\",\"approximateArrivalOfLastRecord\":\""
                    + ofOrder.get(ofOrder.size() - 1).dynamodb().approximateCreationDateTime()
                    + "\",\"batchSize\":" + ofOrder.size() + ",\"streamArn\":\"" + streamArn + "\"}}");
            Model.Queue failures = template.queues().stream()
                    .filter(q -> q.logicalId().equals("ProjectorFailureQueue"))
                    .findFirst()
                    .orElseThrow();
            clients.sqs.sendMessage(b -> b.queueUrl(template.queueUrl(failures)).messageBody(record.toString()));
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();

            assertThat(hops)
                    .filteredOn(h -> h.function().equals("ProjectorRepairFunction"))
                    .as(logs.toString())
                    .isNotEmpty()
                    .allSatisfy(h -> assertThat(h.failedItems()).isEmpty());
            assertThat(clients.dynamo
                            .getItem(b -> b.tableName(views).key(key).consistentRead(true))
                            .item())
                    .as("the view rebuilt")
                    .isEqualTo(view);
        }
    }
}
