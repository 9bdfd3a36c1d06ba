package io.eventflow.orderapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eventflow.events.EcmaAnchoredPatterns;
import io.eventflow.events.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Validates a POST /orders body against {@code classpath:/api/PlaceOrderRequest.json} and reports every
 * violation with its JSON path (a missing or unexpected property is named in the path, not only in the
 * message). Prices, currency and the order total are checked against the catalog afterwards ({@link Pricing}).
 */
final class OrderRequestSchema {
    /** What a refused pattern means, said plainly where the regex alone would not. */
    private static final Map<String, String> PATTERN_MESSAGES = Map.of(
            "$.customerEmail",
                    "must be 7-bit ASCII: SES does not support SMTPUTF8 (send a non-ASCII domain in Punycode, xn--...)",
            "$.customerPhone", "must be an E.164 number: '+', then 7 to 15 digits, nothing else",
            "$.currency", "must be an ISO 4217 code: three capital letters, nothing else",
            "$.customerId", "must be 1-64 letters, digits, '_' or '-', starting with a letter or digit, nothing else");

    private static final JsonSchema SCHEMA = load();

    private OrderRequestSchema() {}

    static List<Violation> validate(JsonNode body) {
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : SCHEMA.validate(body)) {
            String path = m.getInstanceLocation().toString();
            if (m.getProperty() != null
                    && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
                path = path + "." + m.getProperty();
            }
            String text = m.getMessage();
            int colon = text.indexOf(": ");
            String message = colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
            out.add(new Violation(
                    path, "pattern".equals(m.getType()) ? PATTERN_MESSAGES.getOrDefault(path, message) : message));
        }
        out.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return out;
    }

    private static JsonSchema load() {
        try (InputStream in = OrderRequestSchema.class.getResourceAsStream("/api/PlaceOrderRequest.json")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource /api/PlaceOrderRequest.json");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            in,
                            SchemaValidatorsConfig.builder()
                                    .pathType(PathType.JSON_PATH)
                                    .formatAssertionsEnabled(true)
                                    .regularExpressionFactory(EcmaAnchoredPatterns.INSTANCE)
                                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
