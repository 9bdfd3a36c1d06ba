package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trust wiring: catalog reads, the payment provider parameters, the bus policy, the verifier's read. */
class TrustWiringTest {
    private final Wiring wiring = Wiring.project();

    @Test
    void onlyTheRelayAndReplayRolesMayPutEventflowEventsOnTheBus() {
        List<String> policies = wiring.template().logicalIdsOfType("AWS::Events::EventBusPolicy");
        assertThat(policies).hasSize(1);
        Map<String, Object> props = wiring.properties(policies.get(0), "AWS::Events::EventBusPolicy");
        assertThat(target(props.get("EventBusName"))).contains("EventBus");
        Map<String, Object> statement = map(props.get("Statement"));
        assertThat(statement)
                .containsEntry("Effect", "Deny")
                .containsEntry("Principal", "*")
                .containsEntry("Action", "events:PutEvents");
        assertThat(target(statement.get("Resource"))).contains("EventBus");
        assertThat(path(statement, "Condition", "ForAnyValue:StringLike", "events:source"))
                .isEqualTo("eventflow.*");
        assertThat(list(path(statement, "Condition", "ArnNotEquals", "aws:PrincipalArn")))
                .extracting(v -> target(v).orElseThrow())
                .containsExactlyInAnyOrder("EventRelayFunctionRole", "ReplayFunctionRole");
    }

    @Test
    void thePaymentProviderIsAParameterThatReachesThePaymentFunction() {
        Map<String, Object> provider = map(path(wiring.template().root(), "Parameters", "PaymentProvider"));
        assertThat(provider).containsEntry("Default", "simulated");
        Map<String, Object> env = wiring.environment("PaymentFunction");
        assertThat(target(env.get("PAYMENT_PROVIDER"))).contains("PaymentProvider");
        // Where the simulator may run: EnvironmentGuardsTest.
    }

    @Test
    void theApiReadsCatalogPricesAndTheNotifierVerifiesWithGetItemOrOneBatchGetItemPerBatch() {
        assertThat(target(wiring.environment("OrderApiFunction").get("INVENTORY_TABLE")))
                .contains("InventoryTable");
        assertThat(statements("OrderApiFunction")).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("dynamodb:BatchGetItem");
            assertThat(target(s.get("Resource"))).contains("InventoryTable");
        });
        assertThat(statements("NotifierFunction")).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"));
            assertThat(target(s.get("Resource"))).contains("EventStoreTable");
        });
    }

    /** The inline statements among a function's Policies. */
    private List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : list(wiring.properties(function, Wiring.FUNCTION).get("Policies"))) {
            list(map(policy).get("Statement")).forEach(s -> out.add(map(s)));
        }
        return out;
    }
}
