package io.eventflow.saga;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderPlaced;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.InMemoryEventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        handler = new OrderSagaHandler(new OrderReactor(OrderSagaHandler.CONSUMER, OrderSagaHandler.SOURCE,
                OrderSaga::decide, new OrderStreams(store, clock), new InMemoryIdempotencyStore()), clock);
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
        history.add(EventCodec.draft(new OrderPlaced(ID, "CUST-42", "ada@example.com", "+15550100042", items(), "EUR", 7499),
                PLACED_ID, t, "eventflow.orders", "corr-" + ID, null));
        if (reserved) {
            history.add(EventCodec.draft(new InventoryReserved(ID, items()), RESERVED_ID, t.plusMillis(500),
                    "eventflow.inventory", "corr-" + ID, PLACED_ID));
        }
        EventEnvelope carried = EventBridgeMessages.envelope(sample.getRecords().get(0).getBody());
        history.add(carried.positioned(null, 0));
        store.append(STREAM, 0, history);
    }

    private List<String> types() {
        return store.readStream(STREAM, 1).stream().map(EventEnvelope::eventType).toList();
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
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("poison-1");
        assertThat(types()).endsWith("OrderConfirmed");
    }

    @Test
    void shipmentScheduledIsAcceptedAndEmitsNothing() {
        SQSEvent event = load("shipment-scheduled.json");
        EventEnvelope carried = EventBridgeMessages.envelope(event.getRecords().get(0).getBody());
        assertThat(carried.sequence()).isEqualTo(5);
        DomainEvent decoded = EventCodec.decode(carried);
        assertThat(decoded.orderId()).isEqualTo(ID);
        // the stream holds only this event: the saga folds it and has nothing to add
        store.append(STREAM, 0, List.of(EventCodec.draft(new OrderPlaced(ID, "CUST-42", null, null, items(), "EUR", 7499),
                PLACED_ID, Instant.parse("2026-11-28T10:15:30.123Z"), "eventflow.orders", "corr-" + ID, null)));
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(types()).containsExactly("OrderPlaced");
    }
}
