package io.eventflow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * AWS's own matcher (Event Ruler, what EventBridge and SNS filtering run on) applied to the template's
 * EventPatterns and FilterPolicies, so that an emulator that matches wrongly cannot hide a pattern error.
 */
public final class Patterns {
    private Patterns() {}

    /** null when the pattern compiles, else Ruler's complaint. */
    public static String check(String pattern) {
        return RuleCompiler.check(pattern);
    }

    /** Does an EventBridge event (full JSON with source, detail-type, detail) match the rule's pattern? */
    public static boolean matchesEvent(String pattern, String eventJson) {
        try {
            Machine m = new Machine();
            m.addRule("r", pattern);
            return !m.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("pattern " + pattern + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * Does an SNS message with these attributes (name -> {Type, Value}) pass a MessageAttributes-scope filter
     * policy? String.Array values are matched element by element, Number as numbers, Binary never.
     */
    public static boolean matchesAttributes(String filterPolicy, Map<String, Map<String, String>> attributes) {
        ObjectNode event = Json.object();
        attributes.forEach((name, a) -> {
            String type = a.get("Type");
            String value = a.get("Value");
            if (type.startsWith("String.Array")) {
                event.set(name, Json.parse(value));
            } else if (type.startsWith("Number")) {
                event.set(name, Json.parse(value));
            } else if (type.startsWith("String")) {
                event.put(name, value);
            }
        });
        return matchesEvent(filterPolicy, Json.write(event));
    }

    /** A MessageBody-scope policy against the published message (a JSON object). */
    public static boolean matchesBody(String filterPolicy, String message) {
        JsonNode n = Json.parse(message);
        return n.isObject() && matchesEvent(filterPolicy, message);
    }
}
