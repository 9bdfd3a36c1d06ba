package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Resource policies that hold whatever an identity policy allows: the event store is append-only for everyone
 * and only the writer functions put; only the bus (or topic) and the operator tools send to consumer queues;
 * only the notifier publishes notifications.
 */
class AccessPoliciesTest {
    private static final String STORE = "EventStoreTable";
    private static final Set<String> REWRITES = Set.of(
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:PartiQLInsert",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete");

    private final Wiring wiring = Wiring.project();

    @Test
    void theEventStoreRefusesRewritesToEveryoneAndPutsToAllButTheWriterRoles() {
        List<Map<String, Object>> statements =
                statements(path(wiring.properties(STORE, "AWS::DynamoDB::Table"), "ResourcePolicy", "PolicyDocument"));
        Map<String, Object> noRewrites = statements.stream()
                .filter(s -> actions(s).containsAll(REWRITES))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a statement on " + REWRITES));
        assertThat(noRewrites)
                .containsEntry("Effect", "Deny")
                .containsEntry("Principal", "*")
                .containsEntry("Resource", "*")
                .doesNotContainKey("Condition");

        Map<String, Object> puts = statements.stream()
                .filter(s -> actions(s).contains("dynamodb:PutItem"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a statement on dynamodb:PutItem"));
        assertThat(puts)
                .containsEntry("Effect", "Deny")
                .containsEntry("Principal", "*")
                .containsEntry("Resource", "*");
        assertThat(map(puts.get("Condition")).keySet()).containsExactly("ArnNotLike");
        String allowed = String.valueOf(
                map(path(puts, "Condition", "ArnNotLike", "aws:PrincipalArn")).get("Fn::Sub"));
        String rolePathPrefix = ":role";
        assertThat(allowed)
                .startsWith("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/")
                .endsWith("/*");
        String writerPath =
                allowed.substring(allowed.indexOf(rolePathPrefix) + rolePathPrefix.length(), allowed.length() - 1);

        // Exactly the functions whose own policies let them put on the store carry the path the policy lets through.
        for (String function : wiring.functions()) {
            boolean writes = Grants.of(wiring, function).actionsOn(STORE).contains("dynamodb:PutItem");
            Object rolePath = map(wiring.properties(function, Wiring.FUNCTION).get("RolePath"))
                    .get("Fn::Sub");
            if (writes) {
                assertThat(rolePath)
                        .as("%s appends to the store: its RolePath", function)
                        .isEqualTo(writerPath);
            } else {
                assertThat(rolePath)
                        .as("%s does not append: not on the writer path", function)
                        .isNotEqualTo(writerPath);
            }
        }
    }

    @Test
    void onlyTheRuleOrTopicAndTheOperatorToolsThatSendThereMaySendToAConsumerQueue() {
        Map<String, String> deliveredBy = new LinkedHashMap<>();
        for (String rule : wiring.template().logicalIdsOfType("AWS::Events::Rule")) {
            for (Object t : list(wiring.properties(rule, "AWS::Events::Rule").get("Targets"))) {
                target(map(t).get("Arn")).ifPresent(queue -> deliveredBy.put(queue, rule));
            }
        }
        for (String sub : wiring.template().logicalIdsOfType("AWS::SNS::Subscription")) {
            Map<String, Object> p = wiring.properties(sub, "AWS::SNS::Subscription");
            if ("sqs".equals(p.get("Protocol"))) {
                deliveredBy.put(
                        target(p.get("Endpoint")).orElseThrow(),
                        target(p.get("TopicArn")).orElseThrow());
            }
        }
        assertThat(deliveredBy.keySet())
                .as("every consumer queue is fed by a rule or the topic")
                .containsExactlyInAnyOrder(
                        "InventoryQueue",
                        "PaymentQueue",
                        "OrderSagaQueue",
                        "ShippingQueue",
                        "NotificationQueue",
                        "EmailQueue",
                        "SmsQueue");

        deliveredBy.forEach((queue, source) -> {
            Set<String> senders = new LinkedHashSet<>();
            for (String function : wiring.functions()) {
                if (Grants.of(wiring, function).actionsOn(queue).contains("sqs:SendMessage")) {
                    senders.add(function + "Role");
                }
            }
            assertThat(senders)
                    .as("functions allowed to send to %s: operator tools only", queue)
                    .isSubsetOf("ReplayFunctionRole", "DlqRedriveFunctionRole");
            Map<String, Object> deny = queuePolicyStatements(queue).stream()
                    .filter(s -> "Deny".equals(s.get("Effect")) && actions(s).contains("sqs:SendMessage"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(queue + ": no Deny of sqs:SendMessage"));
            assertThat(deny.get("Principal")).isEqualTo("*");
            assertThat(resources(deny.get("Resource"))).contains(queue);
            Map<String, Object> notEquals = map(path(deny, "Condition", "ArnNotEquals"));
            assertThat(map(deny.get("Condition")).keySet()).as(queue).containsExactly("ArnNotEquals");
            assertThat(target(notEquals.get("aws:SourceArn")))
                    .as("%s: its deliverer gets through", queue)
                    .contains(source);
            assertThat(resources(notEquals.get("aws:PrincipalArn")))
                    .as("%s: the roles that may send there", queue)
                    .containsExactlyInAnyOrderElementsOf(senders);
        });
    }

    @Test
    void onlyTheNotifierPublishesToTheNotificationTopic() {
        List<Map<String, Object>> denies = new ArrayList<>();
        for (String id : wiring.template().logicalIdsOfType("AWS::SNS::TopicPolicy")) {
            Map<String, Object> p = wiring.properties(id, "AWS::SNS::TopicPolicy");
            if (list(p.get("Topics")).stream()
                    .anyMatch(t -> target(t).filter("NotificationTopic"::equals).isPresent())) {
                statements(p.get("PolicyDocument")).stream()
                        .filter(s ->
                                "Deny".equals(s.get("Effect")) && actions(s).contains("sns:Publish"))
                        .forEach(denies::add);
            }
        }
        assertThat(denies).singleElement().satisfies(deny -> {
            assertThat(deny.get("Principal")).isEqualTo("*");
            assertThat(target(deny.get("Resource"))).contains("NotificationTopic");
            assertThat(map(deny.get("Condition")).keySet()).containsExactly("ArnNotEquals");
            assertThat(resources(path(deny, "Condition", "ArnNotEquals", "aws:PrincipalArn")))
                    .containsExactly("NotifierFunctionRole");
        });
        for (String function : wiring.functions()) {
            boolean publishes =
                    list(wiring.properties(function, Wiring.FUNCTION).get("Policies")).stream()
                                    .anyMatch(p -> map(p).containsKey("SNSPublishMessagePolicy")
                                            && String.valueOf(p).contains("NotificationTopic"))
                            || Grants.of(wiring, function)
                                    .actionsOn("NotificationTopic")
                                    .contains("sns:Publish");
            assertThat(publishes)
                    .as("%s may publish notifications", function)
                    .isEqualTo("NotifierFunction".equals(function));
        }
    }

    private List<Map<String, Object>> queuePolicyStatements(String queue) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : wiring.template().logicalIdsOfType("AWS::SQS::QueuePolicy")) {
            Map<String, Object> p = wiring.properties(id, "AWS::SQS::QueuePolicy");
            if (list(p.get("Queues")).stream()
                    .anyMatch(q -> target(q).filter(queue::equals).isPresent())) {
                out.addAll(statements(p.get("PolicyDocument")));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> statements(Object document) {
        Object statement = map(document).get("Statement");
        List<Map<String, Object>> out = new ArrayList<>();
        (statement instanceof List<?> ? list(statement) : List.of(statement)).forEach(s -> out.add(map(s)));
        return out;
    }

    private static Set<String> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        Set<String> out = new LinkedHashSet<>();
        (a instanceof List<?> ? list(a) : List.of(String.valueOf(a))).forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    /** Logical ids behind one !Ref/!GetAtt or a list of them. */
    private static Set<String> resources(Object value) {
        Set<String> out = new LinkedHashSet<>();
        (value instanceof List<?> ? list(value) : List.of(value == null ? "" : value))
                .forEach(v -> target(v).ifPresent(out::add));
        return out;
    }
}
