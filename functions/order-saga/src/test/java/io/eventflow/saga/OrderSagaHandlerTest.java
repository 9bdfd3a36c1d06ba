package io.eventflow.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderPlaced;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.StoredSamples;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler fed with the files users pass to `sam local invoke -e` (events/order-saga). */
class OrderSagaHandlerTest {
    private static final String ID = "ORD-1001";
    private static final String STREAM = "Order-ORD-1001";
    private static final String PLACED_ID = "11111111-1111-4111-8111-000000000001";
    private static final String RESERVED_ID = "22222222-2222-4222-8222-000000000002";

    private InMemoryEventStore store;
    private OrderSagaHandler handler;

    @BeforeEach
    void setUp() {
        store = new InMemoryEventStore();
        Clock clock = Clock.systemUTC();
        handler = new OrderSagaHandler(
                new OrderReactor(
                        OrderSagaHandler.CONSUMER,
                        OrderSagaHandler.SOURCE,
                        OrderSaga::decide,
                        new OrderStreams(store, clock),
                        new InMemoryIdempotencyStore()),
                clock);
    }

    private static SQSEvent load(String name) {
        return EventLoader.loadSQSEvent("../../events/order-saga/" + name);
    }

    private static List<LineItem> items() {
        return List.of(new LineItem("SKU-001", 2, 1250), new LineItem("SKU-002", 1, 4999));
    }

    /** Stores the order's history up to the event carried by the sample, with the same ids. */
    private void given(SQSEvent sample, boolean reserved) {
        List<EventEnvelope> history = new ArrayList<>();
        Instant t = Instant.parse("2026-11-28T10:15:30.123Z");
        history.add(EventCodec.draft(
                new OrderPlaced(ID, "CUST-42", "ada@example.com", "+15550100042", items(), "EUR", 7499),
                PLACED_ID,
                t,
                "eventflow.orders",
                "corr-" + ID,
                null));
        if (reserved) {
            history.add(EventCodec.draft(
                    new InventoryReserved(ID, items()),
                    RESERVED_ID,
                    t.plusMillis(500),
                    "eventflow.inventory",
                    "corr-" + ID,
                    PLACED_ID));
        }
        EventEnvelope carried =
                EventBridgeMessages.envelope(sample.getRecords().get(0).getBody());
        history.add(carried.positioned(null, 0));
        store.append(STREAM, 0, history);
    }

    private List<String> types() {
        return store.readStream(STREAM, 1).stream()
                .map(EventEnvelope::eventType)
                .toList();
    }

    @Test
    void paymentAuthorizedConfirms() {
        SQSEvent event = load("payment-authorized.json");
        given(event, true);
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(types()).endsWith("PaymentAuthorized", "OrderConfirmed");
        EventEnvelope confirmed = store.readStream(STREAM, 4).get(0);
        assertThat(confirmed.causationId()).isEqualTo("33333333-3333-4333-8333-000000000003");
        assertThat(confirmed.correlationId()).isEqualTo("corr-" + ID);
    }

    @Test
    void paymentDeclinedCompensatesThenCancels() {
        SQSEvent event = load("payment-declined.json");
        given(event, true);
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(types()).endsWith("PaymentDeclined", "InventoryReleased", "OrderCancelled");
    }

    @Test
    void inventoryRejectedCancels() {
        SQSEvent event = load("inventory-rejected.json");
        given(event, false);
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(types()).containsExactly("OrderPlaced", "InventoryRejected", "OrderCancelled");
    }

    @Test
    void aDuplicateDeliveryAppendsNothingTheSecondTime() {
        SQSEvent event = load("payment-authorized.json");
        given(event, true);
        handler.handleRequest(event, null);
        handler.handleRequest(event, null);
        assertThat(types()).filteredOn("OrderConfirmed"::equals).hasSize(1);
    }

    @Test
    void aPoisonMessageFailsAloneAndTheOthersPass() {
        SQSEvent event = load("payment-authorized.json");
        given(event, true);
        SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
        poison.setMessageId("poison-1");
        poison.setBody("{\"detail\": {\"eventType\": \"PaymentAuthorized\"}}");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(0, poison);
        event.setRecords(records);

        SQSBatchResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("poison-1");
        assertThat(types()).endsWith("OrderConfirmed");
    }

    /** The rule does not route ShipmentScheduled to the saga; one that arrives anyway (sent to the queue directly) must drain. */
    @Test
    void aShipmentScheduledStillQueuedIsAcceptedAndEmitsNothing() {
        // Not a sample of events/order-saga (users invoke what the rules deliver): a message from before the change.
        SQSEvent event = EventLoader.loadSQSEvent("src/test/resources/shipment-scheduled-still-queued.json");
        EventEnvelope carried =
                EventBridgeMessages.envelope(event.getRecords().get(0).getBody());
        assertThat(carried.sequence()).isEqualTo(5);
        DomainEvent decoded = EventCodec.decode(carried);
        assertThat(decoded.orderId()).isEqualTo(ID);
        StoredSamples.store(store, carried); // the stream up to and with this event: the saga has nothing to add
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(types()).hasSize(5).endsWith("ShipmentScheduled");
    }

    @Test
    void aForgedDeclineChangesNothingAndIsDeadLetteredAsUnverified() {
        SQSEvent authorized = load("payment-authorized.json");
        given(authorized, true);
        handler.handleRequest(authorized, null); // the order is CONFIRMED
        List<String> before = types();
        SQSEvent forged = load("payment-declined.json"); // never appended to this stream

        // stdout, as on Lambda: the JSON log line and the EMF metric line
        try (CapturedLog log = CapturedLog.start()) {
            SQSBatchResponse response = handler.handleRequest(forged, null);
            assertThat(response.getBatchItemFailures()).hasSize(1);
            assertThat(log.text()).contains("\"reason\":\"unverified\"").contains("the store holds PaymentAuthorized");
            assertThat(log.text()).contains("\"UnverifiedMessages\":1").contains("\"consumer\":\"order-saga\"");
        }
        assertThat(types()).isEqualTo(before);
    }

    @Test
    void aStoredDeclineOfAPaidOrderIsIgnoredWithItsReason() {
        SQSEvent declined = load("payment-declined.json");
        EventEnvelope carried =
                EventBridgeMessages.envelope(declined.getRecords().get(0).getBody());
        Instant t = Instant.parse("2026-11-28T10:15:30.123Z");
        // Stored, but after the payment was authorized (sequence 3 is the decline in the sample: authorize first).
        store.append(
                STREAM,
                0,
                List.of(
                        EventCodec.draft(
                                new OrderPlaced(ID, "CUST-42", null, null, items(), "EUR", 7499),
                                PLACED_ID,
                                t,
                                "eventflow.orders",
                                "corr-" + ID,
                                null),
                        EventCodec.draft(
                                new InventoryReserved(ID, items()),
                                RESERVED_ID,
                                t,
                                "eventflow.inventory",
                                "corr-" + ID,
                                PLACED_ID),
                        carried.positioned(null, 0),
                        EventCodec.draft(
                                new io.eventflow.events.PaymentAuthorized(ID, "PAY-1", 7499, "EUR"),
                                Ids.random(),
                                t,
                                "eventflow.payment",
                                "corr-" + ID,
                                RESERVED_ID)));

        try (CapturedLog log = CapturedLog.start()) {
            assertThat(handler.handleRequest(declined, null).getBatchItemFailures())
                    .isEmpty();
            assertThat(log.text())
                    .contains("\"ignored\"")
                    .contains("PaymentDeclined is not a transition of a PAID order");
        }
        assertThat(types()).containsExactly("OrderPlaced", "InventoryReserved", "PaymentDeclined", "PaymentAuthorized");
    }
}
