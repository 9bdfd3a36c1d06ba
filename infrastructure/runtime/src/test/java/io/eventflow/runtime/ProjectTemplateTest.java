package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's template.yaml as the runtime reads it, and its EventPatterns / FilterPolicies checked with
 * AWS's matcher (Event Ruler) against the routing of docs/ARCHITECTURE.md and the sample events in events/,
 * so an emulator that matches patterns wrongly cannot hide a pattern error.
 */
class ProjectTemplateTest {
    private static final Path ROOT = RepoRoot.find();
    private final Template t = Template.load(
            ROOT.resolve("template.yaml"), Map.of(), TestTemplates.ACCOUNT, TestTemplates.urls("http://127.0.0.1:1"));

    /** docs/ARCHITECTURE.md: which consumer queue each event type goes to. */
    private static final Map<String, Set<String>> ROUTES = Map.of(
            "OrderPlaced", Set.of("InventoryQueue"),
            "InventoryReleased", Set.of("InventoryQueue"),
            "InventoryReserved", Set.of("PaymentQueue"),
            "PaymentAuthorized", Set.of("OrderSagaQueue"),
            "PaymentDeclined", Set.of("OrderSagaQueue"),
            "InventoryRejected", Set.of("OrderSagaQueue"),
            "ShipmentScheduled", Set.of("NotificationQueue"),
            "OrderConfirmed", Set.of("ShippingQueue", "NotificationQueue"),
            "OrderCancelled", Set.of("NotificationQueue"));

    private static final Map<String, String> SOURCES = Map.of(
            "OrderPlaced",
            "eventflow.orders",
            "OrderConfirmed",
            "eventflow.orders",
            "OrderCancelled",
            "eventflow.orders",
            "InventoryReserved",
            "eventflow.inventory",
            "InventoryRejected",
            "eventflow.inventory",
            "InventoryReleased",
            "eventflow.orders",
            "PaymentAuthorized",
            "eventflow.payment",
            "PaymentDeclined",
            "eventflow.payment",
            "ShipmentScheduled",
            "eventflow.shipping");

    @Test
    void everyFunctionResourceAndSourceResolves() {
        assertThat(t.functions()).hasSizeGreaterThanOrEqualTo(10);
        for (Model.Function f : t.functions()) {
            assertThat(f.handler()).as(f.logicalId()).contains("::handleRequest");
            assertThat(f.environment()).as(f.logicalId()).containsKeys("EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE");
            assertThat(f.environment().get("EVENT_STORE_TABLE")).isEqualTo("eventflow-events-dev");
        }
        Provisioner.validateMappings(t);
        assertThat(t.rules())
                .allSatisfy(r -> assertThat(Patterns.check(r.pattern()))
                        .as(r.logicalId())
                        .isNull());
        assertThat(t.function("OrderApiFunction").events())
                .extracting(e -> ((Model.HttpRoute) e).routeKey())
                .containsExactlyInAnyOrder("POST /orders", "GET /orders/{orderId}");
        assertThat(t.function("EventRelayFunction").events())
                .singleElement()
                .isInstanceOfSatisfying(Model.StreamSource.class, s -> {
                    assertThat(s.bisectOnError()).isTrue();
                    assertThat(s.onFailureArn()).isNotNull();
                    assertThat(Resolver.tableOfStream(s.streamArn())).isEqualTo("eventflow-events-dev");
                });
    }

    @Test
    void apiRoutesCarryTheIamAuthorizerOfTheApiAuthParameter() {
        assertThat(t.function("OrderApiFunction").events())
                .allSatisfy(e -> assertThat(((Model.HttpRoute) e).iamAuth()).isTrue());
        Template open = Template.load(
                ROOT.resolve("template.yaml"),
                Map.of("ApiAuth", "NONE"),
                TestTemplates.ACCOUNT,
                TestTemplates.urls("http://127.0.0.1:1"));
        assertThat(open.function("OrderApiFunction").events())
                .allSatisfy(e -> assertThat(((Model.HttpRoute) e).iamAuth()).isFalse());
    }

    @Test
    void aResourceWhoseConditionIsFalseIsNotCreated() {
        assertThat(t.subscriptions()).extracting(Model.Subscription::protocol).doesNotContain("email");
        Template withOps = Template.load(
                ROOT.resolve("template.yaml"),
                Map.of("OpsEmail", "ops@example.com"),
                TestTemplates.ACCOUNT,
                TestTemplates.urls("http://127.0.0.1:1"));
        assertThat(withOps.subscriptions())
                .filteredOn(s -> s.protocol().equals("email"))
                .singleElement()
                .satisfies(s -> assertThat(s.endpoint()).isEqualTo("ops@example.com"));
    }

    private Set<String> routedQueues(String eventJson) {
        Map<String, String> queueByArn =
                t.queues().stream().collect(Collectors.toMap(Model.Queue::arn, Model.Queue::logicalId));
        Set<String> queues = new TreeSet<>();
        for (Model.Rule r : t.rules()) {
            if (Patterns.matchesEvent(r.pattern(), eventJson)) {
                r.targets().forEach(tg -> queues.add(queueByArn.getOrDefault(tg.arn(), tg.arn())));
            }
        }
        return queues;
    }

    private static String event(String type, String source) {
        return Json.write(Map.of(
                "version",
                "0",
                "id",
                "x",
                "detail-type",
                type,
                "source",
                source,
                "account",
                "123456789012",
                "time",
                "2026-11-28T10:00:00Z",
                "region",
                "us-east-1",
                "resources",
                List.of(),
                "detail",
                Map.of("eventType", type, "source", source)));
    }

    @Test
    void rulePatternsRouteEveryEventTypeAsTheArchitectureSays() {
        ROUTES.forEach((type, queues) -> assertThat(routedQueues(event(type, SOURCES.get(type))))
                .as(type)
                .containsExactlyInAnyOrderElementsOf(queues));
        assertThat(routedQueues(event("OrderPlaced", "someone.else"))).isEmpty();
        assertThat(routedQueues(event("SomethingElse", "eventflow.orders"))).isEmpty();
    }

    /** Every EventBridge event inside an SQS sample event reaches the queue of the module the sample belongs to. */
    @Test
    void sampleEventsMatchTheRulesOfTheirConsumer() throws IOException {
        Map<String, String> modules = modules();
        int checked = 0;
        for (Map.Entry<String, String> m : modules.entrySet()) {
            Path dir = ROOT.resolve("events").resolve(Path.of(m.getValue()).getFileName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Model.Function f = t.function(m.getKey());
            List<String> queueIds = f.events().stream()
                    .filter(e -> e instanceof Model.SqsSource)
                    .map(e -> queueId(((Model.SqsSource) e).queueArn()))
                    .toList();
            for (JsonNode body : bodies(dir)) {
                if (body.has("detail-type") && body.path("detail").isObject()) {
                    assertThat(routedQueues(Json.write(body)))
                            .as(dir.getFileName() + " " + body.get("detail-type"))
                            .containsAnyElementsOf(queueIds);
                    checked++;
                } else if ("Notification".equals(body.path("Type").asText()) && body.has("MessageAttributes")) {
                    Map<String, Map<String, String>> attrs = Json.MAPPER.convertValue(
                            body.get("MessageAttributes"),
                            Json.MAPPER
                                    .getTypeFactory()
                                    .constructMapType(
                                            Map.class,
                                            Json.MAPPER.getTypeFactory().constructType(String.class),
                                            Json.MAPPER
                                                    .getTypeFactory()
                                                    .constructMapType(Map.class, String.class, String.class)));
                    Set<String> reached = new TreeSet<>();
                    for (Model.Subscription s : t.subscriptions()) {
                        if (s.filterPolicy() == null || Patterns.matchesAttributes(s.filterPolicy(), attrs)) {
                            reached.add(queueId(s.endpoint()));
                        }
                    }
                    assertThat(reached).as(dir.getFileName() + " notification").containsAnyElementsOf(queueIds);
                    checked++;
                }
            }
        }
        System.out.println("sample events checked against the patterns: " + checked);
    }

    @Test
    void filterPoliciesRouteNotificationTypesToEmailAndSms() {
        Map<String, Set<String>> expected = Map.of(
                "OrderConfirmed",
                Set.of("EmailQueue"),
                "OrderCancelled",
                Set.of("EmailQueue"),
                "ShipmentScheduled",
                Set.of("EmailQueue", "SmsQueue"),
                "OrderPlaced",
                Set.of());
        expected.forEach((type, queues) -> {
            Set<String> reached = new TreeSet<>();
            for (Model.Subscription s : t.subscriptions()) {
                if (s.filterPolicy() != null
                        && Patterns.matchesAttributes(
                                s.filterPolicy(),
                                Map.of("notificationType", Map.of("Type", "String", "Value", type)))) {
                    reached.add(queueId(s.endpoint()));
                }
            }
            assertThat(reached).as(type).containsExactlyInAnyOrderElementsOf(queues);
        });
    }

    private String queueId(String arn) {
        return t.queues().stream()
                .filter(q -> q.arn().equals(arn))
                .map(Model.Queue::logicalId)
                .findFirst()
                .orElse(arn);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> modules() {
        Map<String, Object> meta =
                (Map<String, Object>) ((Map<String, Object>) t.root().get("Metadata")).get("Eventflow");
        return (Map<String, String>) meta.get("Modules");
    }

    private static List<JsonNode> bodies(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = Json.parse(Files.readString(p));
                for (JsonNode r : n.path("Records")) {
                    if (r.has("body")) {
                        try {
                            out.add(Json.parse(r.get("body").asText()));
                        } catch (IllegalArgumentException poison) {
                            // poison samples are not events
                        }
                    }
                }
            }
        }
        return out;
    }
}
