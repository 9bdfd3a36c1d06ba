package io.eventflow.metrics;

import io.eventflow.aws.Environment;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format lines on stdout: CloudWatch turns them into metrics with no API
 * call on the hot path. {@code ProcessingLag} = now - event timestamp, per consumer.
 */
public final class Metrics {
    /** {@code METRICS_NAMESPACE} (template.yaml sets it), else "eventflow". */
    public static final String NAMESPACE = Environment.get("METRICS_NAMESPACE").orElse("eventflow");

    private Metrics() {
    }

    public static void processingLag(String consumer, EventEnvelope event, Clock clock) {
        long lagMs = Math.max(0, clock.millis() - event.timestamp().toEpochMilli());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("consumer")),
                "Metrics", List.of(Map.of("Name", "ProcessingLag", "Unit", "Milliseconds"))))));
        line.put("consumer", consumer);
        line.put("ProcessingLag", lagMs);
        line.put("eventType", event.eventType());
        line.put("eventId", event.eventId());
        line.put("correlationId", event.correlationId());
        System.out.println(EventJson.write(line));
    }

    /** {@code UnverifiedMessages} = 1 per receive of a message that failed verification, per consumer. */
    public static void unverified(String consumer, Clock clock) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("consumer")),
                "Metrics", List.of(Map.of("Name", "UnverifiedMessages", "Unit", "Count"))))));
        line.put("consumer", consumer);
        line.put("UnverifiedMessages", 1);
        System.out.println(EventJson.write(line));
    }

    /**
     * {@code CircuitOpen} = 1 each time a provider's circuit breaker opens in an environment (again after each failed
     * half-open probe, so it keeps counting while the outage lasts), per consumer.
     */
    public static void circuitOpen(String consumer, String provider, Clock clock) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("consumer")),
                "Metrics", List.of(Map.of("Name", "CircuitOpen", "Unit", "Count"))))));
        line.put("consumer", consumer);
        line.put("CircuitOpen", 1);
        line.put("provider", provider);
        System.out.println(EventJson.write(line));
    }
}
