package io.eventflow.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.Json;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The console's picture of the project's template.yaml, and the replay form's checks. */
class TopologyTest {
    private final Template t = Template.load(
            RepoRoot.find().resolve("template.yaml"),
            Map.of(),
            io.eventflow.runtime.TestTemplates.ACCOUNT,
            io.eventflow.runtime.TestTemplates.urls("http://127.0.0.1:1"));
    private final Topology.Picture p = Topology.of(t);
    private final Map<String, Topology.Node> nodes =
            p.nodes().stream().collect(Collectors.toMap(Topology.Node::id, Function.identity()));

    @Test
    void everyResourceIsDrawnOrListedExactlyOnce() {
        for (String id : t.resources().keySet()) {
            assertThat(nodes.containsKey(id) ^ p.others().containsKey(id))
                    .as(id)
                    .isTrue();
        }
        t.functions().forEach(f -> assertThat(nodes).containsKey(f.logicalId()));
        t.queues().forEach(q -> assertThat(nodes).containsKey(q.logicalId()));
        t.rules().forEach(r -> assertThat(nodes).containsKey(r.logicalId()));
    }

    @Test
    void eachQueueHasItsDlqBesideItAndItsConsumerAfterIt() {
        for (Model.Queue q : t.queues()) {
            if (q.redriveTargetArn() == null) {
                continue;
            }
            Model.Queue dlq = t.queues().stream()
                    .filter(d -> d.arn().equals(q.redriveTargetArn()))
                    .findFirst()
                    .orElseThrow();
            Topology.Node a = nodes.get(q.logicalId());
            Topology.Node b = nodes.get(dlq.logicalId());
            assertThat(b.row()).as(dlq.logicalId()).isEqualTo(a.row());
            assertThat(b.col()).as(dlq.logicalId()).isEqualTo(a.col() + 1);
        }
        assertThat(nodes.get("InventoryFunction").row())
                .isEqualTo(nodes.get("InventoryQueue").row());
        assertThat(nodes.get("InventoryFunction").col())
                .isGreaterThan(nodes.get("InventoryDLQ").col());
    }

    @Test
    void columnsFollowTheFlow() {
        String[] order = {
            "HttpApi",
            "OrderApiFunction",
            "EventStoreTable",
            "EventRelayFunction",
            "EventBus",
            "InventoryRule",
            "InventoryQueue",
            "InventoryFunction"
        };
        for (int i = 1; i < order.length; i++) {
            assertThat(nodes.get(order[i]).col())
                    .as(order[i] + " after " + order[i - 1])
                    .isGreaterThan(nodes.get(order[i - 1]).col());
        }
        assertThat(p.edges())
                .extracting(Topology.Edge::id)
                .contains(
                        "HttpApi>OrderApiFunction",
                        "OrderApiFunction>EventStoreTable",
                        "EventStoreTable>EventRelayFunction",
                        "EventStoreTable>ProjectorFunction",
                        "EventRelayFunction>EventBus",
                        "EventBus>InventoryRule",
                        "InventoryRule>InventoryQueue",
                        "InventoryQueue>InventoryDLQ",
                        "InventoryQueue>InventoryFunction",
                        "NotifierFunction>NotificationTopic",
                        "NotificationTopic>EmailSubscription",
                        "EmailSubscription>EmailQueue",
                        "ProjectorFunction>OrderViewTable",
                        "EventRelayFunction>RelayFailureQueue");
    }

    @Test
    void noTwoNodesOverlap() {
        var list = p.nodes();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Topology.Node a = list.get(i);
                Topology.Node b = list.get(j);
                boolean sameCol = Math.abs(a.col() - b.col()) < 0.5;
                assertThat(sameCol && Math.abs(a.row() - b.row()) < 0.6)
                        .as(a.id() + " and " + b.id())
                        .isFalse();
            }
        }
    }

    @Test
    void replayRequestsAreTheVerbsAndBadFieldsAreRefused() {
        var r = Operations.replayRequest(
                Json.parse(
                        "{\"stream\":\"ORD-1\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\",\"dryRun\":true}"));
        assertThat(r)
                .containsEntry("streamId", "Order-ORD-1")
                .containsEntry("target", "bus")
                .containsEntry("ratePerSecond", 50)
                .containsEntry("dryRun", true);
        assertThat(Operations.replayRequest(Json.parse("{\"types\":\"OrderPlaced, OrderConfirmed\"}"))
                        .get("eventTypes"))
                .isEqualTo(java.util.List.of("OrderPlaced", "OrderConfirmed"));
        assertThatThrownBy(() -> Operations.replayRequest(Json.parse("{}"))).hasMessageContaining("give a stream");
        assertThatThrownBy(() -> Operations.replayRequest(Json.parse("{\"stream\":\"ORD-1\",\"rate\":\"fast\"}")))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> Operations.replayRequest(Json.parse("{\"stream\":\"ORD-1\",\"from\":\"yesterday\"}")))
                .hasMessageContaining("ISO-8601");
    }
}
