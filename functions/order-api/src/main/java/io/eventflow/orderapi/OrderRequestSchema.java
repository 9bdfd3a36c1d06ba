package io.eventflow.orderapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eventflow.events.Violation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a POST /orders body against {@code classpath:/api/PlaceOrderRequest.json} and reports every
 * violation with its JSON path (a missing or unexpected property is named in the path, not only in the
 * message). Also checks what a schema cannot: the order total must fit OrderPlaced's limit.
 */
final class OrderRequestSchema {
    static final long MAX_TOTAL_CENTS = 1_000_000_000L;

    private static final JsonSchema SCHEMA = load();

    private OrderRequestSchema() {
    }

    static List<Violation> validate(JsonNode body) {
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : SCHEMA.validate(body)) {
            String path = m.getInstanceLocation().toString();
            if (m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
                path = path + "." + m.getProperty();
            }
            String text = m.getMessage();
            int colon = text.indexOf(": ");
            out.add(new Violation(path, colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text));
        }
        if (out.isEmpty()) {
            BigInteger total = BigInteger.ZERO;
            for (JsonNode item : body.get("items")) {
                total = total.add(item.get("unitPriceCents").bigIntegerValue().multiply(item.get("quantity").bigIntegerValue()));
            }
            if (total.compareTo(BigInteger.valueOf(MAX_TOTAL_CENTS)) > 0) {
                out.add(new Violation("$.items", "order total " + total + " exceeds the maximum of " + MAX_TOTAL_CENTS + " cents"));
            }
        }
        out.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return out;
    }

    private static JsonSchema load() {
        try (InputStream in = OrderRequestSchema.class.getResourceAsStream("/api/PlaceOrderRequest.json")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource /api/PlaceOrderRequest.json");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
