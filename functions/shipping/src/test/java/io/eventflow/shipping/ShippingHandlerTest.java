package io.eventflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippingHandlerTest {
    @Test
    void orderConfirmedSampleSchedulesExactlyOneShipment() {
        SQSEvent event = EventLoader.loadSQSEvent("../../events/shipping/order-confirmed.json");
        EventEnvelope confirmed =
                EventBridgeMessages.envelope(event.getRecords().get(0).getBody());
        String id = "ORD-1001";
        InMemoryEventStore store = new InMemoryEventStore();
        store.append(
                "Order-" + id,
                0,
                List.of(
                        EventCodec.draft(
                                new OrderPlaced(id, "CUST-42", null, null, SampleEvents.items(), "EUR", 7499),
                                "p-1",
                                Instant.parse("2026-11-28T10:15:30Z"),
                                "eventflow.orders",
                                "corr-" + id,
                                null),
                        EventCodec.draft(
                                new io.eventflow.events.InventoryReserved(id, SampleEvents.items()),
                                "r-1",
                                Instant.parse("2026-11-28T10:15:30.5Z"),
                                "eventflow.inventory",
                                "corr-" + id,
                                "p-1"),
                        EventCodec.draft(
                                new io.eventflow.events.PaymentAuthorized(id, "PAY-5F2C9A1B", 7499, "EUR"),
                                "a-1",
                                Instant.parse("2026-11-28T10:15:31Z"),
                                "eventflow.payment",
                                "corr-" + id,
                                "r-1"),
                        confirmed.positioned(null, 0)));
        Clock clock = Clock.systemUTC();
        ShippingHandler handler = new ShippingHandler(
                new OrderReactor(
                        "shipping",
                        "eventflow.shipping",
                        Shipping::decide,
                        new OrderStreams(store, clock),
                        new InMemoryIdempotencyStore()),
                clock);

        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();

        List<EventEnvelope> stream = store.readStream("Order-" + id, 1);
        assertThat(stream)
                .extracting(EventEnvelope::eventType)
                .containsExactly(
                        "OrderPlaced", "InventoryReserved", "PaymentAuthorized", "OrderConfirmed", "ShipmentScheduled");
        ShipmentScheduled shipment = (ShipmentScheduled) EventCodec.decode(stream.get(4));
        assertThat(shipment.trackingId()).isEqualTo(Shipping.trackingId(id));
    }
}
