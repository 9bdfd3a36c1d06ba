package io.eventflow.templatechecks;

import io.eventflow.emulator.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Read helpers over template.yaml for the checks: intrinsics to logical ids, functions and their events. */
final class Wiring {
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";

    private final Template template;

    Wiring(Template template) {
        this.template = template;
    }

    static Wiring project() {
        return new Wiring(Template.project());
    }

    Template template() {
        return template;
    }

    /** The logical id behind {@code !Ref X} or {@code !GetAtt X.Attr}; empty for anything else. */
    static Optional<String> target(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String id) {
                return Optional.of(id);
            }
            if (m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()) {
                return Optional.of(String.valueOf(l.get(0)));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Navigates nested maps: {@code path(props, "RedrivePolicy", "maxReceiveCount")}. */
    static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = map(current).get(key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static int integer(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }

    List<String> functions() {
        return template.logicalIdsOfType(FUNCTION);
    }

    Map<String, Object> globalsFunction() {
        return map(path(template.root(), "Globals", "Function"));
    }

    /** A function property, falling back to Globals.Function (SAM's merge for scalars). */
    Object functionProperty(String function, String name) {
        Object own = template.properties(function, FUNCTION).get(name);
        return own != null ? own : globalsFunction().get(name);
    }

    int timeoutSeconds(String function) {
        return integer(Objects.requireNonNullElse(functionProperty(function, "Timeout"), 3));
    }

    /** Globals variables overlaid with the function's own (SAM merges maps, resource keys win). */
    Map<String, Object> environment(String function) {
        Map<String, Object> env =
                new java.util.LinkedHashMap<>(map(path(globalsFunction(), "Environment", "Variables")));
        env.putAll(map(path(template.properties(function, FUNCTION), "Environment", "Variables")));
        return env;
    }

    record Event(String function, String name, String type, Map<String, Object> properties) {}

    List<Event> events(String type) {
        List<Event> events = new ArrayList<>();
        for (String function : functions()) {
            map(template.properties(function, FUNCTION).get("Events")).forEach((name, e) -> {
                Map<String, Object> event = map(e);
                if (type.equals(event.get("Type"))) {
                    events.add(new Event(function, name, type, map(event.get("Properties"))));
                }
            });
        }
        return events;
    }

    Map<String, Object> properties(String logicalId, String type) {
        return template.properties(logicalId, type);
    }

    String typeOf(String logicalId) {
        Map<String, Object> resource = template.resources().get(logicalId);
        return resource == null ? null : String.valueOf(resource.get("Type"));
    }
}
