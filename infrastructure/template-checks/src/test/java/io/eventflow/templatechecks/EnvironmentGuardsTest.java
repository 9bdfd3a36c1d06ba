package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Production is named, not guessed from the stage name: the Environment parameter (a closed list, no default) is
 * what lets an open API or the payment simulator exist, and only in dev and test. The template's Rules and
 * Conditions are evaluated here for every combination of the parameters' allowed values.
 */
class EnvironmentGuardsTest {
    private static final Set<String> OPEN_ALLOWED = Set.of("dev", "test");

    private final Wiring wiring = Wiring.project();
    private final Map<String, Object> root = wiring.template().root();

    @Test
    void theEnvironmentIsAClosedListThatEveryDeploymentNames() {
        Map<String, Object> environment = map(path(root, "Parameters", "Environment"));
        assertThat(list(environment.get("AllowedValues"))).containsExactly("dev", "test", "staging", "prod");
        assertThat(environment).as("no default: a deployment says what it is").doesNotContainKey("Default");
        assertThat(String.valueOf(root.get("Rules")) + root.get("Conditions"))
                .as("the stage name decides nothing")
                .doesNotContain("{Ref=Stage}");
    }

    @Test
    void onlyDevAndTestMayDeployAnOpenApiOrTheSimulator() {
        List<String> providers =
                new ArrayList<>(List.of(String.valueOf(path(root, "Parameters", "PaymentProvider", "Default"))));
        providers.add("a-real-processor"); // what an adapter of the port would add to AllowedValues
        int accepted = 0;
        for (Object environment : list(path(root, "Parameters", "Environment", "AllowedValues"))) {
            for (Object apiAuth : list(path(root, "Parameters", "ApiAuth", "AllowedValues"))) {
                for (String provider : providers) {
                    Map<String, String> parameters = Map.of(
                            "Environment",
                            String.valueOf(environment),
                            "ApiAuth",
                            String.valueOf(apiAuth),
                            "PaymentProvider",
                            provider,
                            "Stage",
                            "production");
                    boolean expected = OPEN_ALLOWED.contains(String.valueOf(environment))
                            || ("IAM".equals(apiAuth) && !"simulated".equals(provider));
                    assertThat(rulesAccept(parameters)).as("%s", parameters).isEqualTo(expected);
                    accepted += expected ? 1 : 0;
                }
            }
        }
        assertThat(accepted).isEqualTo(2 * 2 * 2 + 2);
    }

    @Test
    void thePaymentFunctionMaySimulateExactlyWhereTheRulesAllowIt() {
        assertThat(wiring.environment("PaymentFunction"))
                .doesNotContainKey("STAGE")
                .containsEntry("ALLOW_SIMULATED_PAYMENTS", Map.of("Fn::If", List.of("DevOrTest", "true", "false")));
        for (Object environment : list(path(root, "Parameters", "Environment", "AllowedValues"))) {
            boolean devOrTest = evaluate(
                    map(root.get("Conditions")).get("DevOrTest"), Map.of("Environment", String.valueOf(environment)));
            assertThat(devOrTest)
                    .as("DevOrTest for %s", environment)
                    .isEqualTo(OPEN_ALLOWED.contains(String.valueOf(environment)));
            Map<String, String> parameters = Map.of(
                    "Environment", String.valueOf(environment), "ApiAuth", "IAM", "PaymentProvider", "simulated");
            assertThat(rulesAccept(parameters))
                    .as("the rules let %s simulate", environment)
                    .isEqualTo(devOrTest);
        }
    }

    @Test
    void theLocalRuntimeIsADevelopmentEnvironmentThatRunsTheSimulator() {
        Template local = Template.offline(RepoRoot.find().resolve("template.yaml"), Map.of());
        assertThat(local.parameters()).containsEntry("Environment", "dev");
        assertThat(local.function("PaymentFunction").environment()).containsEntry("ALLOW_SIMULATED_PAYMENTS", "true");
        Template staging = Template.offline(RepoRoot.find().resolve("template.yaml"), Map.of("Environment", "staging"));
        assertThat(staging.function("PaymentFunction").environment())
                .containsEntry("ALLOW_SIMULATED_PAYMENTS", "false");
    }

    /** CloudFormation's rule check: every rule whose RuleCondition holds must have all its assertions hold. */
    private boolean rulesAccept(Map<String, String> parameters) {
        for (Object rule : map(root.get("Rules")).values()) {
            Object condition = map(rule).get("RuleCondition");
            if (condition != null && !evaluate(condition, parameters)) {
                continue;
            }
            for (Object assertion : list(map(rule).get("Assertions"))) {
                if (!evaluate(map(assertion).get("Assert"), parameters)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean evaluate(Object node, Map<String, String> parameters) {
        return Boolean.parseBoolean(String.valueOf(value(node, parameters)));
    }

    /** The intrinsics Rules and Conditions use here: Ref, Fn::Equals/Not/And/Or/Contains, Condition. */
    private Object value(Object node, Map<String, String> parameters) {
        Map<String, Object> m = map(node);
        if (m.size() != 1) {
            return node instanceof List<?> l
                    ? l.stream().map(x -> value(x, parameters)).toList()
                    : node;
        }
        Map.Entry<String, Object> e = m.entrySet().iterator().next();
        List<Object> args = list(e.getValue());
        return switch (e.getKey()) {
            case "Ref" -> {
                String v = parameters.get(String.valueOf(e.getValue()));
                assertThat(v).as("a value for parameter %s", e.getValue()).isNotNull();
                yield v;
            }
            case "Fn::Equals" ->
                String.valueOf(value(args.get(0), parameters)).equals(String.valueOf(value(args.get(1), parameters)));
            case "Fn::Not" -> !evaluate(args.get(0), parameters);
            case "Fn::And" -> args.stream().allMatch(a -> evaluate(a, parameters));
            case "Fn::Or" -> args.stream().anyMatch(a -> evaluate(a, parameters));
            case "Fn::Contains" ->
                list(value(args.get(0), parameters)).stream()
                        .map(String::valueOf)
                        .toList()
                        .contains(String.valueOf(value(args.get(1), parameters)));
            case "Condition" -> evaluate(map(root.get("Conditions")).get(String.valueOf(e.getValue())), parameters);
            default -> throw new AssertionError("not evaluated here: " + e.getKey());
        };
    }
}
