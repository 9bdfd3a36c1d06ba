package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.integer;
import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.aws.AwsClients;
import io.eventflow.aws.Deadlines;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.lambda.SqsBatch;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` must create for a production account, one group of checks per point:
 * least privilege per table and action, a throttled API with an owner, alarms that reach a person,
 * retries and timeouts that fit Lambda, data that survives a stack deletion and safe mail and SMS.
 * (Lean artifacts: SamBuildIT.)
 */
class DeployHardeningTest {
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String STORE = "EventStoreTable";
    /** The only actions an append-only store's writers and readers need (TransactWriteItems = Put + ConditionCheck). */
    /** Append (TransactWriteItems = PutItem + ConditionCheckItem) and read (BatchGetItem: the notifier verifies a batch). */
    /** Append and read; the stream's records are read too (ReplayFunction's recovery of a failed sequence range). */
    private static final Set<String> STORE_ACTIONS = Set.of(
            "dynamodb:PutItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            // reading the store's stream (ProjectorRepairFunction reads back a given-up batch)
            "dynamodb:GetShardIterator",
            "dynamodb:GetRecords");

    private static final Set<String> STORE_FORBIDDEN = Set.of(
            "dynamodb:*",
            "dynamodb:DeleteItem",
            "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:PartiQLDelete",
            "dynamodb:PartiQLUpdate",
            "dynamodb:DeleteTable",
            "dynamodb:UpdateTable");

    /** Function -> the code constant its idempotency records start with (DynamoDbIdempotencyStore: "<consumer>#<key>"). */
    static final Map<String, String> CONSUMER_CONSTANTS = Map.of(
            "OrderApiFunction", "io.eventflow.orderapi.OrderApi",
            "InventoryFunction", "io.eventflow.inventory.InventoryService",
            "PaymentFunction", "io.eventflow.payment.PaymentService",
            "OrderSagaFunction", "io.eventflow.saga.OrderSagaHandler",
            "ShippingFunction", "io.eventflow.shipping.ShippingHandler",
            "NotifierFunction", "io.eventflow.notification.Notification",
            "EmailSenderFunction", "io.eventflow.email.EmailSenderService",
            "SmsSenderFunction", "io.eventflow.sms.SmsSenderService");

    private static final List<String> CONSUMER_QUEUES = List.of(
            "InventoryQueue",
            "PaymentQueue",
            "OrderSagaQueue",
            "ShippingQueue",
            "NotificationQueue",
            "EmailQueue",
            "SmsQueue");

    private final Wiring wiring = Wiring.project();

    // ------------------------------------------------------------------ 1. IAM per table and per action

    @Test
    void noFunctionCanDeleteFromOrUpdateTheEventStore() {
        for (String function : wiring.functions()) {
            Grants grants = Grants.of(wiring, function);
            assertThat(grants.policyTemplates())
                    .as("%s: DynamoDB access is written as explicit statements", function)
                    .noneMatch(t -> t.startsWith("DynamoDB"));
            Set<String> onStore = grants.actionsOn(STORE);
            assertThat(onStore).as("%s on the event store", function).doesNotContainAnyElementsOf(STORE_FORBIDDEN);
            assertThat(STORE_ACTIONS)
                    .as("%s on the event store: append and read only", function)
                    .containsAll(onStore);
            for (Grants.Grant g : grants.statements()) {
                assertThat(g.actions())
                        .as("%s: no wildcard DynamoDB action", function)
                        .noneMatch(a -> a.startsWith("dynamodb:") && a.contains("*"));
                assertThat(g.actions())
                        .as("%s: no Scan and no batch writes anywhere", function)
                        .doesNotContain("dynamodb:Scan", "dynamodb:BatchWriteItem");
            }
        }
    }

    @Test
    void eachConsumerReachesOnlyItsOwnIdempotencyRecords() throws ReflectiveOperationException {
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (String function : wiring.functions()) {
            List<Grants.Grant> grants = Grants.of(wiring, function).on("IdempotencyTable");
            if (!CONSUMER_CONSTANTS.containsKey(function)) {
                assertThat(grants).as("%s has no idempotency records", function).isEmpty();
                continue;
            }
            String consumer = constant(CONSUMER_CONSTANTS.get(function), "CONSUMER");
            assertThat(grants).as("%s idempotency grants", function).isNotEmpty();
            for (Grants.Grant g : grants) {
                assertThat(path(g.condition(), "ForAllValues:StringLike", "dynamodb:LeadingKeys"))
                        .as("%s: idempotency access limited to the ids it writes (%s#...)", function, consumer)
                        .isEqualTo(List.of(consumer + "#*"));
            }
            prefixes.put(function, consumer);
        }
        assertThat(Set.copyOf(prefixes.values())).as("one prefix per consumer").hasSize(prefixes.size());
    }

    @Test
    void projectorOnlyGetsAndPutsViewsAndSendersOnlyQueryOrderStreams() {
        assertThat(Grants.of(wiring, "ProjectorFunction").actionsOn("OrderViewTable"))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(Grants.of(wiring, "OrderApiFunction").actionsOn("OrderViewTable"))
                .containsExactly("dynamodb:GetItem");
        for (String sender : List.of("EmailSenderFunction", "SmsSenderFunction")) {
            List<Grants.Grant> onStore = Grants.of(wiring, sender).on(STORE);
            assertThat(onStore).as(sender).isNotEmpty().allSatisfy(g -> {
                assertThat(g.actions())
                        .as("%s reads the contact data of one order at a time", sender)
                        .containsExactly("dynamodb:Query");
                assertThat(path(g.condition(), "ForAllValues:StringLike", "dynamodb:LeadingKeys"))
                        .as("%s: order streams only", sender)
                        .isEqualTo(List.of("Order-*"));
            });
        }
    }

    // ------------------------------------------------------------------ 2. a throttled API with an owner

    @Test
    void apiIsThrottledLoggedAndCapped() {
        Map<String, Object> api = wiring.properties("HttpApi", "AWS::Serverless::HttpApi");
        assertThat(integer(path(api, "DefaultRouteSettings", "ThrottlingRateLimit")))
                .isPositive();
        assertThat(integer(path(api, "DefaultRouteSettings", "ThrottlingBurstLimit")))
                .isPositive();
        assertThat(integer(path(api, "RouteSettings", "POST /orders", "ThrottlingRateLimit")))
                .as("placing orders is throttled below the stage default")
                .isLessThanOrEqualTo(integer(path(api, "DefaultRouteSettings", "ThrottlingRateLimit")));
        String logs = target(path(api, "AccessLogSettings", "DestinationArn")).orElseThrow();
        assertThat(wiring.typeOf(logs)).isEqualTo("AWS::Logs::LogGroup");
        assertThat(wiring.properties(logs, "AWS::Logs::LogGroup"))
                .as("access logs expire")
                .containsKey("RetentionInDays");
        assertThat(String.valueOf(path(api, "AccessLogSettings", "Format")))
                .contains("$context.requestId")
                .contains("$context.status")
                .as("no caller identity or source IP in logs kept 90 days")
                .doesNotContain("$context.identity")
                .doesNotContain("$context.authorizer");
        assertThat(wiring.properties("OrderApiFunction", Wiring.FUNCTION))
                .as("OrderApiFunction reserved concurrency")
                .containsKey("ReservedConcurrentExecutions");
    }

    // An open API only in Environment dev or test: EnvironmentGuardsTest.

    // ------------------------------------------------------------------ 3. alarms that reach someone

    @Test
    void alarmsReachTheOpsEmailWhenItIsSet() {
        assertThat(map(path(wiring.template().root(), "Parameters", "OpsEmail")))
                .containsEntry("Default", "");
        boolean subscribed = wiring.template().logicalIdsOfType("AWS::SNS::Subscription").stream()
                .anyMatch(id -> {
                    Map<String, Object> r = wiring.template().resources().get(id);
                    Map<String, Object> p = map(r.get("Properties"));
                    return target(p.get("TopicArn")).filter("OpsTopic"::equals).isPresent()
                            && "email".equals(p.get("Protocol"))
                            && Map.of("Ref", "OpsEmail").equals(p.get("Endpoint"))
                            && r.get("Condition") != null;
                });
        assertThat(subscribed)
                .as("a conditional email subscription of OpsEmail to OpsTopic")
                .isTrue();
        for (String alarm : alarms()) {
            assertThat(list(wiring.properties(alarm, ALARM).get("AlarmActions")))
                    .as("%s notifies", alarm)
                    .containsExactly(Map.of("Ref", "OpsTopic"));
        }
    }

    @Test
    void everyStreamFunctionQueueAndTheApiHaveTheirAlarms() {
        Set<String> covered = new LinkedHashSet<>();
        for (String alarm : alarms()) {
            Map<String, Object> p = wiring.properties(alarm, ALARM);
            for (Object d : list(p.get("Dimensions"))) {
                target(map(d).get("Value")).ifPresent(id -> covered.add(p.get("MetricName") + " " + id));
            }
        }
        for (Wiring.Event stream : wiring.events("DynamoDB")) {
            assertThat(covered).contains("IteratorAge " + stream.function());
        }
        for (String function : wiring.functions()) {
            assertThat(covered).contains("Errors " + function, "Throttles " + function);
        }
        for (String queue : CONSUMER_QUEUES) {
            assertThat(covered).contains("ApproximateAgeOfOldestMessage " + queue);
        }
        assertThat(covered).contains("5xx HttpApi");
    }

    @Test
    void skippedNotificationsOfEachSenderHaveAnAlarm() {
        Set<String> covered = new LinkedHashSet<>();
        for (String alarm : alarms()) {
            Map<String, Object> p = wiring.properties(alarm, ALARM);
            if ("SkippedNotifications".equals(p.get("MetricName"))) {
                assertThat(p.get("Namespace"))
                        .as("the EMF namespace")
                        .isEqualTo(path(
                                wiring.template().root(),
                                "Globals",
                                "Function",
                                "Environment",
                                "Variables",
                                "METRICS_NAMESPACE"));
                covered.add(String.valueOf(map(list(p.get("Dimensions")).get(0)).get("Value")));
            }
        }
        assertThat(covered).containsExactlyInAnyOrder("email-sender", "sms-sender");
    }

    @Test
    void theDeployOutputListsEveryAlarmAndTheDashboardShowsTheFlow() {
        Set<String> listed = new LinkedHashSet<>();
        map(wiring.template().root().get("Outputs")).forEach((name, output) -> {
            if (name.endsWith("Alarms")) {
                Object join = map(map(output).get("Value")).get("Fn::Join");
                list(list(join).get(1)).forEach(ref -> target(ref).ifPresent(listed::add));
            }
        });
        assertThat(listed).as("alarms named in the stack outputs").containsExactlyInAnyOrderElementsOf(alarms());

        List<String> dashboards = wiring.template().logicalIdsOfType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = String.valueOf(wiring.properties(dashboards.get(0), "AWS::CloudWatch::Dashboard")
                .get("DashboardBody"));
        assertThat(body)
                .contains("\"AWS/ApiGateway\",\"Count\"", "\"5xx\"", "IteratorAge", "\"Errors\"", "\"Throttles\"");
        for (String queue : CONSUMER_QUEUES) {
            assertThat(body).contains("${" + queue + ".QueueName}");
        }
        for (String alarm : alarms()) {
            Map<String, Object> p = wiring.properties(alarm, ALARM);
            if ("ApproximateNumberOfMessagesVisible".equals(p.get("MetricName"))) {
                String dlq = target(map(list(p.get("Dimensions")).get(0)).get("Value"))
                        .orElseThrow();
                assertThat(body).as("DLQ depth of %s on the dashboard", dlq).contains("${" + dlq + ".QueueName}");
            }
        }
    }

    // ------------------------------------------------------------------ 4. retries and concurrency that fit Lambda

    @Test
    void consumerQueuesRedriveAfterFiveReceivesAndEverySqsSourceCapsItsConcurrency() {
        for (String queue : CONSUMER_QUEUES) {
            assertThat(integer(path(wiring.properties(queue, Wiring.QUEUE), "RedrivePolicy", "maxReceiveCount")))
                    .as("%s maxReceiveCount", queue)
                    .isEqualTo(5);
        }
        for (Wiring.Event e : wiring.events("SQS")) {
            Object max = path(e.properties(), "ScalingConfig", "MaximumConcurrency");
            assertThat(max)
                    .as("%s.%s ScalingConfig.MaximumConcurrency", e.function(), e.name())
                    .isNotNull();
            assertThat(integer(max)).isBetween(2, 1000);
        }
    }

    /**
     * One message's worst case (every sequential SDK call running into its timeout) fits in the margin an SQS
     * consumer keeps before it starts a message; the function timeout leaves room beyond that margin; the relay
     * keeps one PutEvents call in hand; queues hide a message for 6 x the timeout. The template states the
     * numbers, {@link Deadlines} the arithmetic.
     */
    @Test
    void oneMessagesWorstCaseFitsTheStopMarginAndTheMarginFitsTheFunctionTimeout() {
        assertThat(AwsClients.API_CALL_ATTEMPT_TIMEOUT).isLessThan(AwsClients.API_CALL_TIMEOUT);
        Duration worstCase = AwsClients.API_CALL_TIMEOUT.multipliedBy(Deadlines.MAX_SEQUENTIAL_CALLS_PER_MESSAGE);
        assertThat(SqsBatch.DEADLINE_MARGIN)
                .as("SqsBatch margin >= one message's worst case")
                .isGreaterThanOrEqualTo(worstCase);
        assertThat(Deadlines.RELAY_STOP_MARGIN)
                .as("relay margin >= one PutEvents call")
                .isGreaterThan(AwsClients.API_CALL_TIMEOUT);
        for (Wiring.Event e : wiring.events("SQS")) {
            int timeout = wiring.timeoutSeconds(e.function());
            assertThat(timeout).as("%s Timeout", e.function()).isEqualTo(Deadlines.FUNCTION_TIMEOUT_SECONDS);
            // after the margin, room to start messages: at least one more worst-case call (the notifier's read-ahead)
            assertThat(Duration.ofSeconds(timeout))
                    .as("%s Timeout > margin + one call", e.function())
                    .isGreaterThan(SqsBatch.DEADLINE_MARGIN.plus(AwsClients.API_CALL_TIMEOUT));
            String queue = target(e.properties().get("Queue")).orElseThrow();
            assertThat(integer(wiring.properties(queue, Wiring.QUEUE).get("VisibilityTimeout")))
                    .as("%s VisibilityTimeout = 6 x %s Timeout", queue, e.function())
                    .isEqualTo(Deadlines.VISIBILITY_TIMEOUT_SECONDS)
                    .isEqualTo(6 * timeout);
        }
        for (Wiring.Event e : wiring.events("DynamoDB")) {
            assertThat(Duration.ofSeconds(wiring.timeoutSeconds(e.function())))
                    .as("%s Timeout > relay margin", e.function())
                    .isGreaterThan(Deadlines.RELAY_STOP_MARGIN.multipliedBy(2));
        }
        assertThat(IdempotencySettings.DEFAULT.inProgressTimeout())
                .as("INPROGRESS outlasts a running handling")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(Deadlines.FUNCTION_TIMEOUT_SECONDS));
    }

    // ------------------------------------------------------------------ 5. data survives; mail and SMS are safe

    @Test
    void everyTableIsRetainedAndEveryStatefulResourceSaysWhatHappensToIt() {
        for (String table : wiring.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
            assertThat(wiring.template().resources().get(table))
                    .as(table)
                    .containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
        for (String type : List.of("AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::KMS::Key", "AWS::Logs::LogGroup")) {
            for (String id : wiring.template().logicalIdsOfType(type)) {
                assertThat(wiring.template().resources().get(id))
                        .as(id)
                        .containsKeys("DeletionPolicy", "UpdateReplacePolicy");
            }
        }
    }

    @Test
    void emailGoesThroughAConfigurationSetThatRecordsBouncesAndComplaints() {
        Object configurationSet = wiring.environment("EmailSenderFunction").get("SES_CONFIGURATION_SET");
        String set =
                target(configurationSet).orElseThrow(() -> new AssertionError("SES_CONFIGURATION_SET is not a !Ref"));
        assertThat(wiring.typeOf(set)).isEqualTo("AWS::SES::ConfigurationSet");
        boolean recorded = wiring.template().logicalIdsOfType("AWS::SES::ConfigurationSetEventDestination").stream()
                .map(id -> wiring.properties(id, "AWS::SES::ConfigurationSetEventDestination"))
                .anyMatch(p -> target(p.get("ConfigurationSetName"))
                                .filter(set::equals)
                                .isPresent()
                        && Boolean.TRUE.equals(path(p, "EventDestination", "Enabled"))
                        && list(path(p, "EventDestination", "MatchingEventTypes"))
                                .containsAll(List.of("bounce", "complaint")));
        assertThat(recorded)
                .as("an enabled event destination of %s records bounce and complaint", set)
                .isTrue();
        String sendResources = list(wiring.properties("EmailSenderFunction", Wiring.FUNCTION)
                        .get("Policies"))
                .stream()
                .map(String::valueOf)
                .filter(s -> s.contains("ses:SendEmail"))
                .collect(Collectors.joining());
        assertThat(sendResources)
                .as("SendEmail allowed through the configuration set")
                .contains("configuration-set/${" + set + "}");
    }

    @Test
    void smsIsLimitedToConfiguredCountryPrefixes() {
        Map<String, Object> parameter = map(path(wiring.template().root(), "Parameters", "SmsCountryPrefixes"));
        assertThat(parameter).containsKeys("Default", "AllowedPattern");
        assertThat(String.valueOf(parameter.get("Default"))).matches(String.valueOf(parameter.get("AllowedPattern")));
        assertThat(wiring.environment("SmsSenderFunction"))
                .containsEntry("SMS_COUNTRY_PREFIXES", Map.of("Ref", "SmsCountryPrefixes"));
        assertThat(wiring.environment("OrderApiFunction"))
                .as("the API refuses what the sender would never text")
                .containsEntry("SMS_COUNTRY_PREFIXES", Map.of("Ref", "SmsCountryPrefixes"));
    }

    /** Function -> its queue and the consumer name its CircuitOpen metric carries. */
    private static final Map<String, List<String>> PROVIDER_CONSUMERS = Map.of(
            "PaymentFunction", List.of("PaymentQueue", "io.eventflow.payment.PaymentService"),
            "EmailSenderFunction", List.of("EmailQueue", "io.eventflow.email.EmailSenderService"),
            "SmsSenderFunction", List.of("SmsQueue", "io.eventflow.sms.SmsSenderService"));

    @Test
    void everyProviderConsumerHasACircuitOpenAlarmAndMayDelayOnlyItsOwnMessages() throws ReflectiveOperationException {
        Map<String, Object> wait = map(path(wiring.template().root(), "Parameters", "ProviderBreakerWaitSeconds"));
        assertThat(wait).containsKeys("Default", "MinValue", "MaxValue");
        // ChangeMessageVisibility accepts at most 12 h
        assertThat(integer(path(wiring.template().root(), "Parameters", "ProviderDeferralMaxSeconds", "MaxValue")))
                .isEqualTo(43_200);
        for (Map.Entry<String, List<String>> e : PROVIDER_CONSUMERS.entrySet()) {
            String function = e.getKey();
            String queue = e.getValue().get(0);
            String consumer = constant(e.getValue().get(1), "CONSUMER");
            boolean alarmed = alarms().stream()
                    .map(a -> wiring.properties(a, ALARM))
                    .anyMatch(p -> "CircuitOpen".equals(p.get("MetricName"))
                            && "eventflow".equals(p.get("Namespace"))
                            && list(p.get("Dimensions")).contains(Map.of("Name", "consumer", "Value", consumer))
                            && list(p.get("AlarmActions")).contains(Map.of("Ref", "OpsTopic")));
            assertThat(alarmed)
                    .as("a CircuitOpen alarm for consumer %s", consumer)
                    .isTrue();
            Grants grants = Grants.of(wiring, function);
            assertThat(grants.actionsOn(queue))
                    .as("%s defers its own messages", function)
                    .contains("sqs:ChangeMessageVisibility", "sqs:GetQueueUrl");
            grants.statements().stream()
                    .filter(g -> g.actions().contains("sqs:ChangeMessageVisibility"))
                    .forEach(g -> assertThat(g.resources())
                            .as("%s delays only its own queue", function)
                            .containsExactly(queue));
            assertThat(wiring.environment(function))
                    .containsEntry("PROVIDER_BREAKER_WAIT_SECONDS", Map.of("Ref", "ProviderBreakerWaitSeconds"))
                    .containsEntry("PROVIDER_DEFERRAL_MAX_SECONDS", Map.of("Ref", "ProviderDeferralMaxSeconds"));
        }
    }

    private List<String> alarms() {
        return wiring.template().logicalIdsOfType(ALARM);
    }

    private static String constant(String className, String field) throws ReflectiveOperationException {
        Field f = Class.forName(className).getDeclaredField(field);
        f.setAccessible(true);
        return String.valueOf(f.get(null));
    }
}
