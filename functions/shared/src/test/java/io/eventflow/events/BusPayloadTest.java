package io.eventflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.Test;

class BusPayloadTest {

    @Test
    void anOrderPlacedGoesOutWithoutContactDataOrCallerAndWithEverythingElse() {
        OrderPlaced placed = new OrderPlaced(
                "ORD-1",
                "CUST-42",
                "ada@example.com",
                "+15550100042",
                SampleEvents.items(),
                "EUR",
                7499,
                "arn:aws:iam::000000000000:user/ada");
        EventEnvelope stored = SampleEvents.draft(placed).positioned("Order-ORD-1", 1);

        EventEnvelope published = BusPayload.of(stored);

        assertThat(published.data().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("orderId", "customerId", "items", "currency", "totalCents");
        assertThat(EventCodec.decode(published))
                .isEqualTo(new OrderPlaced("ORD-1", "CUST-42", null, null, SampleEvents.items(), "EUR", 7499, null));
        assertThat(published).usingRecursiveComparison().ignoringFields("data").isEqualTo(stored);
        assertThat(stored.data().has("customerEmail"))
                .as("the stored event is not changed")
                .isTrue();
        assertThat(EventSchemas.validate(EventCodec.toJson(published))).isEmpty();
    }

    @Test
    void aV1OrderPlacedIsStrippedAtItsOwnVersion() {
        ObjectNode v1 =
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-1")).data().deepCopy();
        v1.remove("currency");
        EventEnvelope stored =
                SampleEvents.draft(SampleEvents.orderPlaced("ORD-1")).withData(1, v1);

        EventEnvelope published = BusPayload.of(stored);

        assertThat(published.version()).isEqualTo(1);
        assertThat(published.data().has("customerEmail") || published.data().has("customerPhone"))
                .isFalse();
        assertThat(published.data().get("items")).isEqualTo(v1.get("items"));
    }

    @Test
    void eventsWithoutPersonalDataGoOutAsStored() {
        for (DomainEvent e : SampleEvents.everyType("ORD-1").subList(1, 9)) {
            EventEnvelope stored = SampleEvents.draft(e);
            assertThat(BusPayload.of(stored)).isSameAs(stored);
        }
    }
}
