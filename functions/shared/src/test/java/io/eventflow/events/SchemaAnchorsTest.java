package io.eventflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema patterns match the whole value: java.util.regex's {@code $} would also match before a final newline. */
class SchemaAnchorsTest {

    @ParameterizedTest(name = "{0} = value + newline is refused")
    @CsvSource({"orderId", "customerId", "currency", "customerPhone"})
    void orderPlacedRefusesATrailingNewline(String field) {
        ObjectNode json = EventCodec.toJson(
                SampleEvents.draft(SampleEvents.orderPlaced("C1")).positioned("Order-C1", 1));
        ObjectNode data = (ObjectNode) json.get("data");
        assertThat(EventSchemas.validate(json)).as("the sample is valid").isEmpty();
        data.put(field, data.get(field).asText() + "\n");
        assertThat(EventSchemas.validate(json)).extracting(Violation::path).containsExactly("$.data." + field);
    }

    @ParameterizedTest(name = "customerEmail {0} is refused: SES sends 7-bit ASCII addresses only")
    @CsvSource({"ada@exämple.com", "adä@example.com", "ada@例え.jp"})
    void orderPlacedRefusesANonAsciiEmail(String email) {
        ObjectNode json = EventCodec.toJson(
                SampleEvents.draft(SampleEvents.orderPlaced("C1")).positioned("Order-C1", 1));
        ((ObjectNode) json.get("data")).put("customerEmail", email);
        assertThat(EventSchemas.validate(json)).extracting(Violation::path).contains("$.data.customerEmail");
        ((ObjectNode) json.get("data")).put("customerEmail", "ada@xn--exmple-cua.com");
        assertThat(EventSchemas.validate(json)).as("the Punycode form is fine").isEmpty();
    }

    @Test
    void skuAndEnvelopeFieldsRefuseATrailingNewline() {
        ObjectNode json = EventCodec.toJson(
                SampleEvents.draft(SampleEvents.orderPlaced("C1")).positioned("Order-C1", 1));
        ((ObjectNode) json.get("data").get("items").get(0)).put("sku", "SKU-001\n");
        json.put("streamId", "Order-C1\n");
        assertThat(EventSchemas.validate(json))
                .extracting(Violation::path)
                .containsExactly("$.data.items[0].sku", "$.streamId");
        json.put("eventType", "OrderPlaced\n");
        assertThat(EventSchemas.validate(json)).extracting(Violation::path).contains("$.eventType");
    }

    @Test
    void dollarBecomesEndOfInputOutsideClassesAndEscapesOnly() {
        assertThat(EcmaAnchoredPatterns.toJava("^[A-Z]{3}$")).isEqualTo("^[A-Z]{3}\\z");
        assertThat(EcmaAnchoredPatterns.toJava("^[$]\\$$")).isEqualTo("^[$]\\$\\z");
        var currency = EcmaAnchoredPatterns.INSTANCE.getRegularExpression("^[A-Z]{3}$");
        assertThat(currency.matches("USD")).isTrue();
        assertThat(currency.matches("USD\n")).isFalse();
        assertThat(EcmaAnchoredPatterns.INSTANCE.getRegularExpression("Z$").matches("2026-11-28T10:15:30Z"))
                .isTrue();
    }
}
