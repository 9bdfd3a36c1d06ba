package io.eventflow.metrics;

import io.eventflow.aws.Environment;
import io.eventflow.events.EventEnvelope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format lines on stdout: CloudWatch turns them into metrics with no API
 * call on the hot path. Every metric has the dimension {@code consumer}; other fields are properties.
 */
public final class Metrics {
    /** {@code METRICS_NAMESPACE} (template.yaml sets it), else "eventflow". */
    public static final String NAMESPACE = Environment.get("METRICS_NAMESPACE").orElse("eventflow");

    private Metrics() {}

    /** {@code ProcessingLag} = now - event timestamp, per consumer. */
    public static void processingLag(String consumer, EventEnvelope event, Clock clock) {
        long lagMs = Math.max(0, clock.millis() - event.timestamp().toEpochMilli());
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("eventType", event.eventType());
        about.put("eventId", event.eventId());
        about.put("correlationId", event.correlationId());
        emit("ProcessingLag", "Milliseconds", lagMs, consumer, about, clock);
    }

    /** {@code UnverifiedMessages} = 1 per receive of a message that failed verification, per consumer. */
    public static void unverified(String consumer, Clock clock) {
        emit("UnverifiedMessages", "Count", 1, consumer, Map.of(), clock);
    }

    /**
     * {@code SkippedNotifications} = 1 per notification not sent because the customer's contact will never take it
     * (recorded once, on its first handling), per consumer; {@code reason} is a property, not a dimension.
     */
    public static void skippedNotification(String consumer, String reason, Clock clock) {
        emit("SkippedNotifications", "Count", 1, consumer, Map.of("reason", reason), clock);
    }

    /** {@code EventStoreRewrites} = 1 per MODIFY or REMOVE record on the event store's stream (append-only store). */
    public static void storeRewrite(String consumer, Clock clock) {
        emit("EventStoreRewrites", "Count", 1, consumer, Map.of(), clock);
    }

    private static void emit(
            String name, String unit, Object value, String consumer, Map<String, Object> properties, Clock clock) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "_aws",
                Map.of(
                        "Timestamp",
                        clock.millis(),
                        "CloudWatchMetrics",
                        List.of(Map.of(
                                "Namespace", NAMESPACE,
                                "Dimensions", List.of(List.of("consumer")),
                                "Metrics", List.of(Map.of("Name", name, "Unit", unit))))));
        line.put("consumer", consumer);
        line.put(name, value);
        line.putAll(properties);
        io.eventflow.log.JsonLog.print(line);
    }

    /**
     * {@code CircuitOpen} = 1 each time a provider's circuit breaker opens in an environment (again after each failed
     * half-open probe, so it keeps counting while the outage lasts), per consumer.
     */
    public static void circuitOpen(String consumer, String provider, Clock clock) {
        emit("CircuitOpen", "Count", 1, consumer, Map.of("provider", provider), clock);
    }
}
