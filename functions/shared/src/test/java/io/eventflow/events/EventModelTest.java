package io.eventflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.testing.SampleEvents;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventModelTest {

    static Stream<DomainEvent> everyType() {
        return SampleEvents.everyType("ORD-001").stream();
    }

    @Test
    void thereIsASampleOfEveryType() {
        assertThat(everyType().map(e -> e.getClass().getSimpleName()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.names());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void envelopeJsonRoundTripsExactly(DomainEvent event) {
        EventEnvelope envelope = SampleEvents.draft(event).positioned("Order-ORD-001", 3);
        String json = EventJson.write(envelope);
        EventEnvelope back = EventCodec.parseEnvelope(json);
        assertThat(back).isEqualTo(envelope);
        assertThat(EventJson.write(back)).isEqualTo(json);
        assertThat(EventCodec.decode(back)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void envelopeUsesTheContractFieldNames(DomainEvent event) {
        ObjectNode json = EventCodec.toJson(SampleEvents.draft(event).positioned("Order-ORD-001", 1));
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "eventId",
                        "eventType",
                        "version",
                        "timestamp",
                        "source",
                        "streamId",
                        "sequence",
                        "correlationId",
                        "data");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(EventSchemas.validate(json)).isEmpty();
    }

    @Test
    void schemaViolationsAreAllReportedWithTheirPaths() {
        ObjectNode json = EventCodec.toJson(SampleEvents.draft(SampleEvents.orderPlaced("ORD-1")));
        ObjectNode data = (ObjectNode) json.get("data");
        ((ObjectNode) data.get("items").get(0)).put("quantity", -3);
        data.put("currency", "euro");
        data.put("unexpected", true);
        json.remove("correlationId");

        List<Violation> violations = EventSchemas.validate(json);
        assertThat(violations)
                .extracting(Violation::path)
                .contains("$.data.items[0].quantity", "$.data.currency", "$.data", "$");
        assertThat(violations.toString()).contains("correlationId").contains("unexpected");
        assertThatThrownBy(() -> EventCodec.fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void unknownTypeAndVersionAreNamed() {
        ObjectNode json = EventCodec.toJson(SampleEvents.draft(SampleEvents.orderPlaced("ORD-1")));
        json.put("version", 7);
        assertThat(EventSchemas.validate(json))
                .containsExactly(new Violation("$.version", "unknown version 7 of OrderPlaced (current is 2)"));
        json.put("version", 1).put("eventType", "OrderTeleported");
        assertThat(EventSchemas.validate(json))
                .containsExactly(new Violation("$.eventType", "unknown eventType 'OrderTeleported'"));
        assertThatThrownBy(() -> EventTypes.of("Nope"))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("Nope");
    }

    @Test
    void malformedJsonIsATypedErrorWithItsLocation() {
        assertThatThrownBy(() -> EventCodec.parseEnvelope("{\"eventId\": "))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> EventCodec.parseEnvelope("[1,2]"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("array");
        assertThatThrownBy(() -> EventCodec.parseEnvelope("")).isInstanceOf(MalformedEventException.class);
        assertThat(Failures.isRetryable(new MalformedEventException("x"))).isFalse();
    }

    @Test
    void orderPlacedV1IsUpcastToV2() {
        ObjectNode v1 = EventJson.toObject(SampleEvents.orderPlaced("ORD-9"));
        v1.remove("currency");
        assertThat(EventSchemas.validateData("OrderPlaced", 1, v1)).isEmpty();
        assertThat(EventSchemas.validateData("OrderPlaced", 2, v1))
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("currency"));
        EventEnvelope old =
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-9")).withData(1, v1);
        EventEnvelope current = Upcasters.toCurrent(old);
        assertThat(current.version()).isEqualTo(2);
        assertThat(EventSchemas.validateData("OrderPlaced", 2, current.data())).isEmpty();
        assertThat(old.data().has("currency"))
                .as("upcasting does not mutate the stored event")
                .isFalse();
        assertThatThrownBy(() -> Upcasters.toCurrent(old.withData(3, v1)))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("newer");
    }
}
