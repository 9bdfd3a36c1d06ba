package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.Patterns;
import java.util.List;
import java.util.Map;

/**
 * Cross-checks what the emulator delivered to a queue against AWS's matcher: an EventBridge event must match
 * one of the rule patterns that target the queue, an SNS notification one of the subscriptions' filter
 * policies. Returns a complaint, or null when AWS would have delivered the message too.
 */
public record DeliveryCheck(List<String> rulePatterns, List<String> filterPolicies) {
    public static final DeliveryCheck NONE = new DeliveryCheck(List.of(), List.of());

    public String complaint(String body) {
        JsonNode n;
        try {
            n = Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
        if (!rulePatterns.isEmpty() && n.has("detail-type") && n.has("source")) {
            boolean match = rulePatterns.stream().anyMatch(p -> Patterns.matchesEvent(p, body));
            return match
                    ? null
                    : "the emulator delivered " + n.get("detail-type").asText()
                            + " although no rule pattern targeting this queue matches it (Event Ruler)";
        }
        if (!filterPolicies.isEmpty() && "Notification".equals(n.path("Type").asText())) {
            Map<String, Map<String, String>> attrs = Json.MAPPER.convertValue(
                    n.path("MessageAttributes"),
                    Json.MAPPER
                            .getTypeFactory()
                            .constructMapType(
                                    Map.class,
                                    Json.MAPPER.getTypeFactory().constructType(String.class),
                                    Json.MAPPER
                                            .getTypeFactory()
                                            .constructMapType(Map.class, String.class, String.class)));
            boolean match = filterPolicies.stream()
                    .anyMatch(p -> Patterns.matchesAttributes(p, attrs == null ? Map.of() : attrs));
            return match
                    ? null
                    : "the emulator delivered a notification with attributes " + attrs
                            + " although the subscription's FilterPolicy does not match it (Event Ruler)";
        }
        return null;
    }
}
