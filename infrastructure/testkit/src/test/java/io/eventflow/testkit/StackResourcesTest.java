package io.eventflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackResourcesTest {
    private final StackResources stack = new StackResources(
            "eventflow-dev",
            Map.of(
                    "ApiUrl", "https://abc.execute-api.eu-west-1.amazonaws.com/",
                    "OrderViewTableName", "eventflow-order-view-dev",
                    "InventoryDLQUrl", "https://sqs.eu-west-1.amazonaws.com/1/eventflow-inventory-dlq-dev",
                    "EventBusName", "eventflow-dev"),
            Map.of("RelayFailureQueue", "https://sqs.eu-west-1.amazonaws.com/1/relay-failures", "EventBus", "x"));

    @Test
    void namesComeFromTheTemplatesOutputs() {
        assertThat(stack.api()).hasToString("https://abc.execute-api.eu-west-1.amazonaws.com");
        assertThat(stack.table("OrderViewTable")).isEqualTo("eventflow-order-view-dev");
        assertThat(stack.queueUrl("InventoryDLQ")).endsWith("/eventflow-inventory-dlq-dev");
        assertThat(stack.busName()).isEqualTo("eventflow-dev");
    }

    @Test
    void aLogicalIdWithoutAnOutputIsTheResourcesPhysicalId() {
        assertThat(stack.queueUrl("RelayFailureQueue")).endsWith("/relay-failures");
    }

    @Test
    void whatTheStackDoesNotHaveIsNamedWithTheOutputsItHas() {
        assertThatThrownBy(() -> stack.table("IdempotencyTable"))
                .hasMessageContaining(
                        "stack eventflow-dev has no output IdempotencyTableName and no resource IdempotencyTable")
                .hasMessageContaining("OrderViewTableName");
    }
}
