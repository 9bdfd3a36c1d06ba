package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.integer;
import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Resolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resilience, routing, encryption and least-privilege rules of the architecture, read off template.yaml. */
class WiringTest {
    private static final int FOURTEEN_DAYS = 1_209_600;

    /** docs/ARCHITECTURE.md diagram: consumer queue -> the event types its rule routes to it. */
    private static final Map<String, Set<String>> ROUTES = Map.of(
            "InventoryQueue", Set.of("OrderPlaced", "InventoryReleased"),
            "PaymentQueue", Set.of("InventoryReserved"),
            "OrderSagaQueue", Set.of("PaymentAuthorized", "PaymentDeclined", "InventoryRejected"),
            "ShippingQueue", Set.of("OrderConfirmed"),
            "NotificationQueue", Set.of("OrderConfirmed", "OrderCancelled", "ShipmentScheduled"));

    /** Notification fan-out: subscribed queue -> notificationType values its filter policy lets through. */
    private static final Map<String, Set<String>> NOTIFICATIONS = Map.of(
            "EmailQueue", Set.of("OrderConfirmed", "OrderCancelled", "ShipmentScheduled"),
            "SmsQueue", Set.of("ShipmentScheduled"));

    /** SQS consumer queue -> the function it feeds. */
    private static final Map<String, String> CONSUMERS = Map.of(
            "InventoryQueue",
            "InventoryFunction",
            "PaymentQueue",
            "PaymentFunction",
            "OrderSagaQueue",
            "OrderSagaFunction",
            "ShippingQueue",
            "ShippingFunction",
            "NotificationQueue",
            "NotifierFunction",
            "EmailQueue",
            "EmailSenderFunction",
            "SmsQueue",
            "SmsSenderFunction",
            "ProjectorFailureQueue",
            "ProjectorRepairFunction");

    /** Environment each function needs (docs/ARCHITECTURE.md "Environment variables"). */
    private static final Map<String, Set<String>> ENVIRONMENT = Map.of(
            "OrderApiFunction", Set.of("ORDER_VIEW_TABLE"),
            "EventRelayFunction", Set.of("EVENT_BUS_NAME"),
            "ProjectorFunction", Set.of("ORDER_VIEW_TABLE"),
            "ProjectorRepairFunction", Set.of("ORDER_VIEW_TABLE"),
            "InventoryFunction", Set.of("INVENTORY_TABLE"),
            "NotifierFunction", Set.of("NOTIFICATION_TOPIC_ARN"),
            "EmailSenderFunction", Set.of("EMAIL_FROM"),
            "ReplayFunction", Set.of("EVENT_BUS_NAME", "RELAY_FAILURE_QUEUE_ARN"));

    private final Wiring wiring = Wiring.project();

    @Test
    void globalsGiveEveryFunctionTheRuntimeAndTheSharedEnvironment() {
        Map<String, Object> globals = wiring.globalsFunction();
        assertThat(globals)
                .containsEntry("Runtime", "java21")
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", io.eventflow.aws.Deadlines.FUNCTION_TIMEOUT_SECONDS)
                .containsEntry("Tracing", "Active")
                .containsKey("Architectures");
        assertThat(map(path(globals, "Environment", "Variables")))
                .containsKeys("METRICS_NAMESPACE", "EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        for (String function : wiring.functions()) {
            assertThat(wiring.environment(function).keySet())
                    .as("%s environment", function)
                    .containsAll(ENVIRONMENT.getOrDefault(function, Set.of()));
        }
    }

    @Test
    void everySqsConsumerRedrivesToA14DayDlqAndOutlastsItsFunction() {
        List<Wiring.Event> sqs = wiring.events("SQS");
        assertThat(sqs)
                .extracting(e -> target(e.properties().get("Queue")).orElseThrow())
                .containsExactlyInAnyOrderElementsOf(CONSUMERS.keySet());
        for (Wiring.Event e : sqs) {
            String queue = target(e.properties().get("Queue")).orElseThrow();
            assertThat(e.function()).as("consumer of %s", queue).isEqualTo(CONSUMERS.get(queue));
            assertThat(e.properties()).as("%s.%s", e.function(), e.name()).containsEntry("BatchSize", 10);
            assertThat(list(e.properties().get("FunctionResponseTypes")))
                    .as("%s.%s", e.function(), e.name())
                    .contains("ReportBatchItemFailures");

            Map<String, Object> q = wiring.properties(queue, Wiring.QUEUE);
            assertThat(integer(path(q, "RedrivePolicy", "maxReceiveCount")))
                    .as("%s maxReceiveCount", queue)
                    .isBetween(3, 5);
            String dlq = target(path(q, "RedrivePolicy", "deadLetterTargetArn")).orElseThrow();
            assertFourteenDayQueue(dlq);
            assertThat(integer(q.get("VisibilityTimeout")))
                    .as("%s VisibilityTimeout >= 6 x %s Timeout", queue, e.function())
                    .isGreaterThanOrEqualTo(6 * wiring.timeoutSeconds(e.function()));
        }
    }

    @Test
    void everyRuleRoutesDocumentedTypesWithRetriesAndADeadLetterQueue() {
        List<String> rules = wiring.template().logicalIdsOfType("AWS::Events::Rule");
        Set<String> routed = new LinkedHashSet<>();
        for (String rule : rules) {
            Map<String, Object> props = wiring.properties(rule, "AWS::Events::Rule");
            assertThat(target(props.get("EventBusName"))).as("%s bus", rule).contains("EventBus");
            Map<String, Object> pattern = map(props.get("EventPattern"));
            assertThat(list(pattern.get("source")))
                    .as("%s source", rule)
                    .containsExactly(Map.of("prefix", "eventflow."));
            Set<String> types = new LinkedHashSet<>();
            list(pattern.get("detail-type")).forEach(t -> types.add(String.valueOf(t)));
            types.forEach(t -> assertThat(
                            RepoRoot.find().resolve("functions/shared/src/main/resources/schemas/" + t + ".v1.json"))
                    .as("schema of %s routed by %s", t, rule)
                    .exists());

            List<?> targets = list(props.get("Targets"));
            assertThat(targets).as("%s targets", rule).hasSize(1);
            for (Object t : targets) {
                Map<String, Object> tgt = map(t);
                String queue = target(tgt.get("Arn")).orElseThrow();
                routed.add(queue);
                assertThat(types).as("%s detail-types to %s", rule, queue).isEqualTo(ROUTES.get(queue));
                assertThat(map(tgt.get("RetryPolicy")))
                        .as("%s RetryPolicy", rule)
                        .containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
                String dlq = target(path(tgt, "DeadLetterConfig", "Arn"))
                        .orElseThrow(() -> new AssertionError(rule + " target has no DeadLetterConfig.Arn"));
                assertFourteenDayQueue(dlq);
                assertQueueAcceptsFrom(queue, "events.amazonaws.com", rule);
                assertQueueAcceptsFrom(dlq, "events.amazonaws.com", rule);
            }
        }
        assertThat(routed).containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
    }

    @Test
    void everyStreamMappingBisectsRetriesForABoundedTimeAndHasAnOnFailureDestination() {
        List<Wiring.Event> streams = wiring.events("DynamoDB");
        assertThat(streams)
                .extracting(Wiring.Event::function)
                .containsExactlyInAnyOrder("EventRelayFunction", "ProjectorFunction");
        for (Wiring.Event e : streams) {
            Map<String, Object> p = e.properties();
            String where = e.function() + "." + e.name();
            assertThat(p.get("Stream"))
                    .as(where)
                    .isEqualTo(Map.of("Fn::GetAtt", List.of("EventStoreTable", "StreamArn")));
            assertThat(p)
                    .as(where)
                    .containsEntry("StartingPosition", "TRIM_HORIZON")
                    .containsEntry("BatchSize", 100)
                    .containsEntry("BisectBatchOnFunctionError", true)
                    .containsKey("MaximumRecordAgeInSeconds");
            // Bounded in time, not by a count (AWS documents no delay between stream retries: a count is spent
            // in seconds by a dependency outage): retry until the record is at most 1 h..24 h old.
            assertThat(integer(p.get("MaximumRetryAttempts")))
                    .as(where + " MaximumRetryAttempts")
                    .isEqualTo(-1);
            assertThat(integer(p.get("MaximumRecordAgeInSeconds")))
                    .as(where + " MaximumRecordAgeInSeconds")
                    .isBetween(3600, 86_400);
            assertThat(list(p.get("FunctionResponseTypes"))).as(where).contains("ReportBatchItemFailures");
            String onFailure = target(path(p, "DestinationConfig", "OnFailure", "Destination"))
                    .orElseThrow(() -> new AssertionError(where + " has no DestinationConfig.OnFailure.Destination"));
            assertThat(path(p, "DestinationConfig", "OnFailure", "Type"))
                    .as(where + " OnFailure Type (adds the IAM)")
                    .isEqualTo("SQS");
            assertFourteenDayQueue(onFailure);
        }
    }

    @Test
    void everySnsSubscriptionFiltersAndRedrivesToItsOwnDlq() {
        // The notification fan-out; OpsTopic's (conditional) e-mail subscription is checked in DeployHardeningTest.
        List<String> subscriptions = wiring.template().logicalIdsOfType("AWS::SNS::Subscription").stream()
                .filter(s -> target(
                                wiring.properties(s, "AWS::SNS::Subscription").get("TopicArn"))
                        .filter("OpsTopic"::equals)
                        .isEmpty())
                .toList();
        Set<String> subscribed = new LinkedHashSet<>();
        for (String s : subscriptions) {
            Map<String, Object> p = wiring.properties(s, "AWS::SNS::Subscription");
            String topic = target(p.get("TopicArn")).orElseThrow();
            String queue = target(p.get("Endpoint")).orElseThrow();
            subscribed.add(queue);
            assertThat(topic).as("%s topic", s).isEqualTo("NotificationTopic");
            assertThat(p).as(s).containsEntry("Protocol", "sqs").containsEntry("RawMessageDelivery", false);
            assertThat(Set.copyOf(list(path(p, "FilterPolicy", "notificationType"))))
                    .as("%s filter", s)
                    .isEqualTo(NOTIFICATIONS.get(queue));
            String dlq = target(path(p, "RedrivePolicy", "deadLetterTargetArn"))
                    .orElseThrow(() -> new AssertionError(s + " has no RedrivePolicy.deadLetterTargetArn"));
            assertFourteenDayQueue(dlq);
            assertQueueAcceptsFrom(queue, "sns.amazonaws.com", topic);
            assertQueueAcceptsFrom(dlq, "sns.amazonaws.com", topic);
        }
        assertThat(subscribed).containsExactlyInAnyOrderElementsOf(NOTIFICATIONS.keySet());
    }

    @Test
    void kmsKeyArnEncryptsEveryTableQueueAndNotificationTopicWithThatKeyAndLetsEveryFunctionUseIt() {
        String key = "arn:aws:kms:eu-west-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        for (String kmsKeyArn : List.of("", key)) {
            boolean cmk = !kmsKeyArn.isEmpty();
            Resolver r = Template.offline(RepoRoot.find().resolve("template.yaml"), Map.of("KmsKeyArn", kmsKeyArn))
                    .resolver();
            for (String q : r.idsOf(Wiring.QUEUE)) {
                Map<String, Object> p = wiring.properties(q, Wiring.QUEUE);
                Object managed = r.resolve(p.get("SqsManagedSseEnabled"), q);
                Object keyId = r.resolve(p.get("KmsMasterKeyId"), q);
                assertThat(cmk ? keyId : managed)
                        .as("%s with KmsKeyArn '%s'", q, kmsKeyArn)
                        .isEqualTo(cmk ? key : true);
                assertThat(cmk ? managed : keyId).as("%s: one of the two", q).isIn(Resolver.NO_VALUE, null);
            }
            for (String t : r.idsOf("AWS::SNS::Topic")) {
                Object keyId = r.resolve(wiring.properties(t, "AWS::SNS::Topic").get("KmsMasterKeyId"), t);
                if (!t.equals("OpsTopic")) { // CloudWatch publishes there: its own key, whose policy lets it
                    assertThat(keyId).as("%s", t).isEqualTo(cmk ? key : "alias/aws/sns");
                }
            }
            for (String t : r.idsOf("AWS::DynamoDB::Table")) {
                Map<String, Object> sse =
                        map(r.resolve(path(wiring.properties(t, "AWS::DynamoDB::Table"), "SSESpecification"), t));
                assertThat(sse)
                        .as("%s", t)
                        .isEqualTo(
                                cmk
                                        ? Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", key)
                                        : Map.of("SSEEnabled", true));
            }
            assertThat(r.idsOf("AWS::IAM::Policy").contains("FunctionsUseKmsKey"))
                    .isEqualTo(cmk);
        }
        Map<String, Object> use = wiring.properties("FunctionsUseKmsKey", "AWS::IAM::Policy");
        for (String function : wiring.functions()) {
            assertThat(wiring.properties(function, Wiring.FUNCTION))
                    .as("%s: SAM makes its role %sRole", function, function)
                    .doesNotContainKey("Role");
            assertThat(list(use.get("Roles"))).contains(Map.of("Ref", function + "Role"));
        }
        String statements = String.valueOf(path(use, "PolicyDocument", "Statement"));
        assertThat(statements)
                .contains(
                        "kms:GenerateDataKey",
                        "kms:Decrypt",
                        "{Ref=KmsKeyArn}",
                        "dynamodb.${AWS::Region}.amazonaws.com");
    }

    @Test
    void everyQueueTopicAndTableIsEncryptedAtRest() {
        for (String q : wiring.template().logicalIdsOfType(Wiring.QUEUE)) {
            Map<String, Object> p = wiring.properties(q, Wiring.QUEUE);
            assertThat(Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")) || p.containsKey("KmsMasterKeyId"))
                    .as("%s encrypted (SqsManagedSseEnabled or KmsMasterKeyId)", q)
                    .isTrue();
        }
        for (String t : wiring.template().logicalIdsOfType("AWS::SNS::Topic")) {
            assertThat(wiring.properties(t, "AWS::SNS::Topic"))
                    .as("%s KmsMasterKeyId", t)
                    .containsKey("KmsMasterKeyId");
        }
        for (String t : wiring.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
            assertThat(path(wiring.properties(t, "AWS::DynamoDB::Table"), "SSESpecification", "SSEEnabled"))
                    .as("%s SSESpecification.SSEEnabled", t)
                    .isEqualTo(true);
        }
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmThatPagesOps() {
        Set<String> dlqs = deadLetterQueues(true);
        assertThat(dlqs).hasSizeGreaterThanOrEqualTo(12);

        Set<String> alarmed = new LinkedHashSet<>();
        for (String a : wiring.template().logicalIdsOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = wiring.properties(a, "AWS::CloudWatch::Alarm");
            if (!"ApproximateNumberOfMessagesVisible".equals(p.get("MetricName"))) {
                continue;
            }
            assertThat(p)
                    .as(a)
                    .containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("Threshold", 0)
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold");
            assertThat(list(p.get("AlarmActions")))
                    .as("%s AlarmActions", a)
                    .isNotEmpty()
                    .allSatisfy(
                            action -> assertThat(wiring.typeOf(target(action).orElseThrow()))
                                    .isEqualTo("AWS::SNS::Topic"));
            list(p.get("Dimensions")).forEach(d -> target(map(d).get("Value")).ifPresent(alarmed::add));
        }
        assertThat(alarmed).as("queues with a not-empty alarm").containsAll(dlqs);
    }

    @Test
    void noPolicyGrantsResourceStarOutsideTheAllowList() {
        List<String> offenders = new ArrayList<>();
        wiring.template().resources().forEach((id, resource) -> {
            // A KMS key policy can only say Resource '*' (it means "this key"); so does a table's resource policy
            // (it cannot name the table it belongs to), and there only to deny.
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                Map<String, Object> own = new java.util.LinkedHashMap<>(map(resource.get("Properties")));
                Object policy = own.remove("ResourcePolicy");
                findStars(own, id, offenders);
                list(path(map(policy), "PolicyDocument", "Statement")).forEach(st -> {
                    if (!"Deny".equals(map(st).get("Effect"))) {
                        findStars(st, id + ".ResourcePolicy", offenders);
                    }
                });
            } else if (!"AWS::KMS::Key".equals(resource.get("Type"))) {
                findStars(resource, id, offenders);
            }
        });
        assertThat(offenders).as("Resource '*' outside the allow-list").isEmpty();
    }

    @Test
    void physicalNamesCarryTheStage() {
        Set<String> nameKeys = Set.of("TableName", "QueueName", "TopicName", "FunctionName", "AlarmName", "Name");
        wiring.template()
                .resources()
                .forEach((id, resource) -> map(resource.get("Properties")).forEach((k, v) -> {
                    if (nameKeys.contains(k)) {
                        assertThat(String.valueOf(v))
                                .as("%s.%s", id, k)
                                .contains("Fn::Sub")
                                .contains("${Stage}");
                    }
                }));
    }

    @Test
    void httpApiServesBothOrderRoutesWithIamAuthorizationByDefault() {
        List<Wiring.Event> routes = wiring.events("HttpApi");
        assertThat(routes).allSatisfy(e -> {
            assertThat(e.function()).isEqualTo("OrderApiFunction");
            assertThat(target(e.properties().get("ApiId"))).contains("HttpApi");
        });
        assertThat(routes)
                .extracting(
                        e -> e.properties().get("Method") + " " + e.properties().get("Path"))
                .containsExactlyInAnyOrder("POST /orders", "GET /orders/{orderId}");
        assertThat(wiring.typeOf("HttpApi")).isEqualTo("AWS::Serverless::HttpApi");
        Map<String, Object> apiAuth = map(path(wiring.template().root(), "Parameters", "ApiAuth"));
        assertThat(apiAuth).containsEntry("Default", "IAM");
        assertThat(list(apiAuth.get("AllowedValues"))).containsExactlyInAnyOrder("IAM", "NONE");
        Map<String, Object> paths =
                map(path(wiring.properties("HttpApi", "AWS::Serverless::HttpApi"), "DefinitionBody", "paths"));
        for (String route : List.of("/orders post", "/orders/{orderId} get")) {
            String[] pm = route.split(" ");
            assertThat(path(map(paths.get(pm[0])), pm[1], "security"))
                    .as("security of %s", route)
                    .isEqualTo(Map.of(
                            "Fn::If",
                            List.of(
                                    "ApiIamAuth",
                                    List.of(Map.of("AWS_IAM", List.of())),
                                    Map.of("Ref", "AWS::NoValue"))));
        }
    }

    /** Redrive targets, rule-target DLQs, subscription DLQs and (if asked) stream on-failure destinations. */
    private Set<String> deadLetterQueues(boolean withStreamFailures) {
        Set<String> dlqs = new LinkedHashSet<>();
        for (String q : wiring.template().logicalIdsOfType(Wiring.QUEUE)) {
            target(path(wiring.properties(q, Wiring.QUEUE), "RedrivePolicy", "deadLetterTargetArn"))
                    .ifPresent(dlqs::add);
        }
        for (String r : wiring.template().logicalIdsOfType("AWS::Events::Rule")) {
            list(wiring.properties(r, "AWS::Events::Rule").get("Targets"))
                    .forEach(
                            t -> target(path(map(t), "DeadLetterConfig", "Arn")).ifPresent(dlqs::add));
        }
        for (String s : wiring.template().logicalIdsOfType("AWS::SNS::Subscription")) {
            target(path(wiring.properties(s, "AWS::SNS::Subscription"), "RedrivePolicy", "deadLetterTargetArn"))
                    .ifPresent(dlqs::add);
        }
        if (withStreamFailures) {
            // A failure queue that a function consumes is a work queue: its own RedrivePolicy DLQ (above) is the end.
            Set<String> consumed = new LinkedHashSet<>();
            wiring.events("SQS")
                    .forEach(e -> target(e.properties().get("Queue")).ifPresent(consumed::add));
            wiring.events("DynamoDB")
                    .forEach(e -> target(path(e.properties(), "DestinationConfig", "OnFailure", "Destination"))
                            .filter(q -> !consumed.contains(q))
                            .ifPresent(dlqs::add));
        }
        return dlqs;
    }

    @Test
    void dlqRedriveCanDrainEveryDeadLetterQueueBackIntoEveryConsumerQueue() {
        Set<String> receivable = new LinkedHashSet<>();
        Set<String> sendable = new LinkedHashSet<>();
        for (Object policy :
                list(wiring.properties("DlqRedriveFunction", Wiring.FUNCTION).get("Policies"))) {
            for (Object st : list(map(policy).get("Statement"))) {
                List<Object> actions =
                        map(st).get("Action") instanceof List<?> l ? list(l) : List.of(map(st).get("Action"));
                List<Object> resources = list(map(st).get("Resource"));
                if (actions.contains("sqs:ReceiveMessage") && actions.contains("sqs:StartMessageMoveTask")) {
                    resources.forEach(r -> target(r).ifPresent(receivable::add));
                }
                if (actions.contains("sqs:SendMessage")) {
                    resources.forEach(r -> target(r).ifPresent(sendable::add));
                }
            }
        }
        assertThat(receivable).as("DLQs DlqRedriveFunction may drain").containsAll(deadLetterQueues(false));
        assertThat(sendable).as("queues DlqRedriveFunction may refill").containsAll(CONSUMERS.keySet());
    }

    private void assertFourteenDayQueue(String queue) {
        assertThat(wiring.typeOf(queue)).as("%s is an SQS queue", queue).isEqualTo(Wiring.QUEUE);
        assertThat(integer(wiring.properties(queue, Wiring.QUEUE).get("MessageRetentionPeriod")))
                .as("%s MessageRetentionPeriod", queue)
                .isEqualTo(FOURTEEN_DAYS);
    }

    /** Some AWS::SQS::QueuePolicy on the queue lets the service send, scoped by aws:SourceArn to the source. */
    private void assertQueueAcceptsFrom(String queue, String service, String source) {
        boolean allowed = false;
        for (String policy : wiring.template().logicalIdsOfType("AWS::SQS::QueuePolicy")) {
            Map<String, Object> p = wiring.properties(policy, "AWS::SQS::QueuePolicy");
            boolean covers = list(p.get("Queues")).stream()
                    .anyMatch(q -> target(q).filter(queue::equals).isPresent());
            for (Object s : covers ? list(path(p, "PolicyDocument", "Statement")) : List.of()) {
                Map<String, Object> st = map(s);
                Object sourceArn = path(st, "Condition", "ArnEquals", "aws:SourceArn");
                List<?> sources = sourceArn instanceof List<?> l ? l : List.of(sourceArn == null ? "" : sourceArn);
                allowed |= "Allow".equals(st.get("Effect"))
                        && service.equals(path(st, "Principal", "Service"))
                        && sources.stream()
                                .anyMatch(a -> target(a).filter(source::equals).isPresent());
            }
        }
        assertThat(allowed)
                .as("%s has a queue policy letting %s send, scoped to aws:SourceArn of %s", queue, service, source)
                .isTrue();
    }

    private static void findStars(Object node, String where, List<String> offenders) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Resource".equals(k) && ("*".equals(v) || (v instanceof List<?> l && l.contains("*")))) {
                    offenders.add(where);
                }
                findStars(v, where + "." + k, offenders);
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                findStars(l.get(i), where + "[" + i + "]", offenders);
            }
        }
    }
}
