package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An overwrite of a stored event (an unconditional PutItem on its key, what any holder of dynamodb:PutItem on the
 * table could do) on the emulator with the real template and functions: the store's stream carries a MODIFY record,
 * the relay logs it by key and counts {@code EventStoreRewrites}, and nothing is published again.
 */
@ExtendWith(EmulatorExtension.class)
class StoreRewriteIT {

    @Test
    void anOverwrittenStoredEventIsDetectedAndNotRepublished() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logs, true);
        Clients clients = new Clients();
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try (LocalRuntime runtime = new LocalRuntime(
                template, clients, new LocalRuntime.Options(0, 3, 1, 100, 100, Map.of(), false), quiet, log, h -> {})) {
            runtime.start();
            Seed.inventory(clients, template, RepoRoot.find().resolve("events/inventory/seed-stock.json"));
            String orderId = place(runtime.port());
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();
            long relayedBefore = relayed(logs);
            assertThat(relayedBefore).as("the order's events reached the bus").isPositive();
            assertThat(logs.toString()).doesNotContain("EventStoreRewrites");

            // The stored OrderPlaced, rewritten in place: a different total under the same key.
            String table = template.table("EventStoreTable").orElseThrow().name();
            Map<String, AttributeValue> key = Map.of(
                    "streamId",
                    AttributeValue.fromS(DomainEvent.streamOf(orderId)),
                    "sequence",
                    AttributeValue.fromN("1"));
            Map<String, AttributeValue> item = new HashMap<>(clients.dynamo
                    .getItem(b -> b.tableName(table).consistentRead(true).key(key))
                    .item());
            var data = (com.fasterxml.jackson.databind.node.ObjectNode)
                    EventJson.parse(item.get("data").s());
            data.put("totalCents", 1);
            item.put("data", AttributeValue.fromS(EventJson.write(data)));
            clients.dynamo.putItem(b -> b.tableName(table).item(item));

            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> logs.toString().contains("\"consumer\":\"event-relay\",\"EventStoreRewrites\":1"));
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();
            String text = logs.toString();
            assertThat(text)
                    .contains("\"message\":\"stored item rewritten\",\"eventName\":\"MODIFY\",\"streamId\":\""
                            + DomainEvent.streamOf(orderId) + "\",\"sequence\":\"1\"");
            assertThat(relayed(logs))
                    .as("the rewritten event is not published again")
                    .isEqualTo(relayedBefore);
        }
    }

    /** Events the relay put on the bus, as it logs them. */
    private static long relayed(ByteArrayOutputStream logs) {
        return logs.toString()
                .lines()
                .filter(l -> l.startsWith("{") && l.contains("\"message\":\"relayed stream events\""))
                .map(EventJson::parse)
                .mapToLong(n -> n.path("events").asLong() - n.path("failed").asLong())
                .sum();
    }

    private static String place(int port) throws Exception {
        String body = "{\"customerId\":\"CUST-R1\",\"customerEmail\":\"rewrite@example.com\","
                + "\"customerPhone\":\"+15550100998\",\"items\":[{\"sku\":\"SKU-001\",\"quantity\":1}]}";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                                .timeout(Duration.ofSeconds(30))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode placed = EventJson.parse(r.body());
        return placed.get("orderId").asText();
    }
}
