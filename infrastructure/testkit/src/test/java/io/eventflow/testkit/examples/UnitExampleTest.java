package io.eventflow.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.shipping.Shipping;
import io.eventflow.shipping.ShippingHandler;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit: a handler on its sample event (events/shipping/), the stores' in-memory twins, delivered twice. */
class UnitExampleTest {
    @Test
    void theShippingSampleSchedulesOneShipmentEvenWhenDeliveredTwice() {
        SQSEvent sample = EventLoader.loadSQSEvent("../../events/shipping/order-confirmed.json");
        EventEnvelope confirmed =
                EventBridgeMessages.envelope(sample.getRecords().get(0).getBody());
        InMemoryEventStore store = new InMemoryEventStore();
        store.append(
                confirmed.streamId(),
                0,
                List.of(
                        SampleEvents.draft(SampleEvents.orderPlaced("ORD-1001")),
                        SampleEvents.draft(new InventoryReserved("ORD-1001", SampleEvents.items())),
                        SampleEvents.draft(new PaymentAuthorized("ORD-1001", "PAY-5F2C9A1B", 7499, "EUR")),
                        confirmed.positioned(null, 0)));
        Clock clock = Clock.systemUTC();
        var handler = new ShippingHandler(
                new OrderReactor(
                        "shipping",
                        "eventflow.shipping",
                        Shipping::decide,
                        new OrderStreams(store, clock),
                        new InMemoryIdempotencyStore()),
                clock);

        assertThat(handler.handleRequest(sample, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(sample, null).getBatchItemFailures()).isEmpty();

        assertThat(store.readStream(confirmed.streamId(), 1))
                .extracting(e -> EventCodec.decode(e).getClass().getSimpleName())
                .containsExactly(
                        "OrderPlaced", "InventoryReserved", "PaymentAuthorized", "OrderConfirmed", "ShipmentScheduled");
    }
}
