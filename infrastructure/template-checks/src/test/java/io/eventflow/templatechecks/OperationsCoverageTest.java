package io.eventflow.templatechecks;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.eventflow.templatechecks.Wiring.integer;
import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.path;
import static io.eventflow.templatechecks.Wiring.target;
import static org.assertj.core.api.Assertions.assertThat;

/** What operations watch: the custom metrics that mean "someone wrote where only we may" have alarms. */
class OperationsCoverageTest {
    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private final Wiring wiring = Wiring.project();

    @Test
    void rewritesOfTheStoreAlarm() throws ReflectiveOperationException {
        String consumer = constant("io.eventflow.relay.EventRelayHandler", "CONSUMER");
        boolean alarmed = alarms().stream().map(a -> wiring.properties(a, ALARM)).anyMatch(p ->
                namespace().equals(p.get("Namespace")) && "EventStoreRewrites".equals(p.get("MetricName"))
                        && List.of(Map.of("Name", "consumer", "Value", consumer)).equals(p.get("Dimensions"))
                        && integer(p.get("Threshold")) == 0 && "GreaterThanThreshold".equals(p.get("ComparisonOperator")));
        assertThat(alarmed).as("an alarm on EventStoreRewrites of consumer %s above 0", consumer).isTrue();
    }

    @Test
    void unverifiedMessagesOfEverySqsConsumerAlarm() throws ReflectiveOperationException {
        Set<String> consumers = new LinkedHashSet<>();
        for (Wiring.Event e : wiring.events("SQS")) {
            consumers.add(constant(DeployHardeningTest.CONSUMER_CONSTANTS.get(e.function()), "CONSUMER"));
        }
        assertThat(consumers).hasSize(7);
        Map<String, Object> alarm = alarms().stream().map(a -> wiring.properties(a, ALARM))
                .filter(p -> String.valueOf(p.get("Metrics")).contains("UnverifiedMessages")).findFirst()
                .orElseThrow(() -> new AssertionError("no alarm on UnverifiedMessages"));
        assertThat(integer(alarm.get("Threshold"))).isZero();
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        List<Map<String, Object>> queries = list(alarm.get("Metrics")).stream().map(Wiring::map).toList();
        Map<String, Object> sum = queries.stream().filter(q -> Boolean.TRUE.equals(q.get("ReturnData"))).findFirst().orElseThrow();
        Set<String> covered = new LinkedHashSet<>();
        for (Map<String, Object> q : queries) {
            Map<String, Object> metric = map(path(q, "MetricStat", "Metric"));
            if (metric.isEmpty()) {
                continue;
            }
            assertThat(metric).containsEntry("Namespace", namespace()).containsEntry("MetricName", "UnverifiedMessages");
            assertThat(String.valueOf(sum.get("Expression"))).as("the sum takes %s", q.get("Id")).contains(String.valueOf(q.get("Id")));
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
