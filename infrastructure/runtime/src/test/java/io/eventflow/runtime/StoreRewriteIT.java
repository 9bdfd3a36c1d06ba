package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventJson;
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
    private static final String ORDER = "{\"customerId\":\"CUST-R1\",\"customerEmail\":\"rewrite@example.com\","
            + "\"customerPhone\":\"+15550100998\",\"items\":[{\"sku\":\"SKU-001\",\"quantity\":1}]}";

    @Test
    void anOverwrittenStoredEventIsDetectedAndNotRepublished() throws Exception {
        try (ProjectRun run = ProjectRun.start()) {
            Clients clients = run.clients;
            Template template = run.template;
            LocalRuntime runtime = run.runtime;
            String orderId = run.place(ORDER);
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();
            long relayedBefore = relayed(run.log());
            assertThat(relayedBefore).as("the order's events reached the bus").isPositive();
            assertThat(run.log()).doesNotContain("EventStoreRewrites");

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
                    .until(() -> run.log().contains("\"consumer\":\"event-relay\",\"EventStoreRewrites\":1"));
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();
            String text = run.log();
            assertThat(text)
                    .contains("\"message\":\"stored item rewritten\",\"eventName\":\"MODIFY\",\"streamId\":\""
                            + DomainEvent.streamOf(orderId) + "\",\"sequence\":\"1\"");
            assertThat(relayed(run.log()))
                    .as("the rewritten event is not published again")
                    .isEqualTo(relayedBefore);
        }
    }

    /** Events the relay put on the bus, as it logs them. */
    private static long relayed(String log) {
        return log.lines()
                .filter(l -> l.startsWith("{") && l.contains("\"message\":\"relayed stream events\""))
                .map(EventJson::parse)
                .mapToLong(n -> n.path("events").asLong() - n.path("failed").asLong())
                .sum();
    }
}
