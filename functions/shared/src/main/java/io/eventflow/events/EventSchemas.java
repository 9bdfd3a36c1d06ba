package io.eventflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas per (eventType, version) from {@code classpath:/schemas/<Type>.v<N>.json}, plus the
 * envelope schema. Schemas load lazily, once per container, so a function pays only for the types it sees.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .regularExpressionFactory(EcmaAnchoredPatterns.INSTANCE)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** Every violation of the envelope and of its data; empty when valid. Unknown type or version is a violation too. */
    public static List<Violation> validate(JsonNode envelope) {
        List<Violation> violations = new ArrayList<>(check(schema("envelope"), envelope, ""));
        JsonNode type = envelope.path("eventType");
        JsonNode version = envelope.path("version");
        JsonNode data = envelope.path("data");
        if (type.isTextual() && version.canConvertToInt() && version.isIntegralNumber() && data.isObject()) {
            String name = type.asText();
            if (!EventTypes.names().contains(name)) {
                violations.add(new Violation("$.eventType", "unknown eventType '" + name + "'"));
            } else if (!exists(name, version.asInt())) {
                violations.add(new Violation(
                        "$.version",
                        "unknown version " + version.asInt() + " of " + name + " (current is "
                                + EventTypes.of(name).currentVersion() + ")"));
            } else {
                violations.addAll(check(schema(name + ".v" + version.asInt()), data, "$.data"));
            }
        }
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return violations;
    }

    /** Validates the data of one event type at one version. */
    public static List<Violation> validateData(String eventType, int version, JsonNode data) {
        if (!exists(eventType, version)) {
            throw new UnknownEventTypeException("no schema for " + eventType + " v" + version);
        }
        return check(schema(eventType + ".v" + version), data, "$.data");
    }

    public static void requireValid(JsonNode envelope) {
        List<Violation> violations = validate(envelope);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
    }

    static boolean exists(String eventType, int version) {
        return EventSchemas.class.getResource("/schemas/" + eventType + ".v" + version + ".json") != null;
    }

    private static List<Violation> check(JsonSchema schema, JsonNode node, String prefix) {
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(node)) {
            String path = m.getInstanceLocation().toString();
            String rebased = prefix.isEmpty() ? path : prefix + path.substring(1);
            String text = m.getMessage();
            int colon = text.indexOf(": ");
            out.add(new Violation(rebased, colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text));
        }
        return out;
    }

    private static JsonSchema schema(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + n + ".json")) {
                if (in == null) {
                    throw new UnknownEventTypeException("no schema " + n);
                }
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
