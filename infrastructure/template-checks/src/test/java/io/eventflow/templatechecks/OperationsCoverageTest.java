package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.integer;
import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What operations keep and watch: dead letters outlive the stack, every function's logs expire, a silent stream
 * consumer alarms, and the custom metrics that mean "someone wrote where only we may" have alarms.
 */
class OperationsCoverageTest {
    private static final String REPAIRS_FROM_FAILURE_RECORDS = "ProjectorRepairFunction";

    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private final Wiring wiring = Wiring.project();

    @Test
    void everyDeadLetterQueueAndStreamFailureQueueIsRetained() {
        Set<String> deadLetters = new LinkedHashSet<>();
        for (String queue : wiring.template().logicalIdsOfType(Wiring.QUEUE)) {
            target(path(wiring.properties(queue, Wiring.QUEUE), "RedrivePolicy", "deadLetterTargetArn"))
                    .ifPresent(deadLetters::add);
        }
        for (String sub : wiring.template().logicalIdsOfType("AWS::SNS::Subscription")) {
            target(path(wiring.properties(sub, "AWS::SNS::Subscription"), "RedrivePolicy", "deadLetterTargetArn"))
                    .ifPresent(deadLetters::add);
        }
        for (String rule : wiring.template().logicalIdsOfType("AWS::Events::Rule")) {
            for (Object t : list(wiring.properties(rule, "AWS::Events::Rule").get("Targets"))) {
                target(path(map(t), "DeadLetterConfig", "Arn")).ifPresent(deadLetters::add);
            }
        }
        for (Wiring.Event stream : wiring.events("DynamoDB")) {
            target(path(stream.properties(), "DestinationConfig", "OnFailure", "Destination"))
                    .ifPresent(deadLetters::add);
        }
        assertThat(deadLetters).hasSize(13);
        for (String queue : deadLetters) {
            assertThat(wiring.template().resources().get(queue))
                    .as(queue)
                    .containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
    }

    @Test
    void everyFunctionLogsToItsOwnGroupWithARetention() {
        Set<String> groups = new LinkedHashSet<>();
        for (String function : wiring.functions()) {
            String group = target(path(wiring.properties(function, Wiring.FUNCTION), "LoggingConfig", "LogGroup"))
                    .orElseThrow(() -> new AssertionError(function + ": LoggingConfig.LogGroup is not a !Ref"));
            assertThat(wiring.typeOf(group)).isEqualTo("AWS::Logs::LogGroup");
            assertThat(integer(wiring.properties(group, "AWS::Logs::LogGroup").get("RetentionInDays")))
                    .as("%s log retention (days)", function)
                    .isBetween(1, 400);
            groups.add(group);
        }
        assertThat(groups)
                .as("one group per function")
                .hasSize(wiring.functions().size());
    }

    @Test
    void aStreamConsumerThatStopsReportingIteratorAgeAlarms() {
        Set<String> covered = new LinkedHashSet<>();
        for (String alarm : alarms()) {
            Map<String, Object> p = wiring.properties(alarm, ALARM);
            if ("IteratorAge".equals(p.get("MetricName"))) {
                assertThat(p.get("TreatMissingData"))
                        .as("%s: missing data", alarm)
                        .isEqualTo("breaching");
                list(p.get("Dimensions"))
                        .forEach(d -> target(map(d).get("Value")).ifPresent(covered::add));
            }
        }
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(wiring.events("DynamoDB").stream()
                        .map(Wiring.Event::function)
                        .toList());
    }

    @Test
    void rewritesOfTheStoreAlarm() throws ReflectiveOperationException {
        String consumer = constant("io.eventflow.relay.EventRelayHandler", "CONSUMER");
        boolean alarmed = alarms().stream()
                .map(a -> wiring.properties(a, ALARM))
                .anyMatch(p -> namespace().equals(p.get("Namespace"))
                        && "EventStoreRewrites".equals(p.get("MetricName"))
                        && List.of(Map.of("Name", "consumer", "Value", consumer))
                                .equals(p.get("Dimensions"))
                        && integer(p.get("Threshold")) == 0
                        && "GreaterThanThreshold".equals(p.get("ComparisonOperator")));
        assertThat(alarmed)
                .as("an alarm on EventStoreRewrites of consumer %s above 0", consumer)
                .isTrue();
    }

    @Test
    void unverifiedMessagesOfEverySqsConsumerAlarm() throws ReflectiveOperationException {
        Set<String> consumers = new LinkedHashSet<>();
        for (Wiring.Event e : wiring.events("SQS")) {
            if (REPAIRS_FROM_FAILURE_RECORDS.equals(e.function())) {
                continue; // its messages are Lambda's failure records, checked against the stream, never events
            }
            consumers.add(constant(DeployHardeningTest.CONSUMER_CONSTANTS.get(e.function()), "CONSUMER"));
        }
        assertThat(consumers).hasSize(7);
        Map<String, Object> alarm = alarms().stream()
                .map(a -> wiring.properties(a, ALARM))
                .filter(p -> String.valueOf(p.get("Metrics")).contains("UnverifiedMessages"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no alarm on UnverifiedMessages"));
        assertThat(integer(alarm.get("Threshold"))).isZero();
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        List<Map<String, Object>> queries =
                list(alarm.get("Metrics")).stream().map(Wiring::map).toList();
        Map<String, Object> sum = queries.stream()
                .filter(q -> Boolean.TRUE.equals(q.get("ReturnData")))
                .findFirst()
                .orElseThrow();
        Set<String> covered = new LinkedHashSet<>();
        for (Map<String, Object> q : queries) {
            Map<String, Object> metric = map(path(q, "MetricStat", "Metric"));
            if (metric.isEmpty()) {
                continue;
            }
            assertThat(metric)
                    .containsEntry("Namespace", namespace())
                    .containsEntry("MetricName", "UnverifiedMessages");
            assertThat(String.valueOf(sum.get("Expression")))
                    .as("the sum takes %s", q.get("Id"))
                    .contains(String.valueOf(q.get("Id")));
            list(metric.get("Dimensions")).forEach(d -> covered.add(String.valueOf(map(d).get("Value"))));
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(consumers);
    }

    /** The namespace the functions write their metrics to (Globals, METRICS_NAMESPACE). */
    private String namespace() {
        return String.valueOf(path(wiring.globalsFunction(), "Environment", "Variables", "METRICS_NAMESPACE"));
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
