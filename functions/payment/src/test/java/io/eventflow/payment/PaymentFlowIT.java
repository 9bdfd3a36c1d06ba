package io.eventflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PaymentFunction as Lambda builds it (no-arg constructor, tables from the environment) on the real
 * DynamoDB event store and idempotency store against the emulator.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // its handler fed its SQS event directly, on DynamoDB alone
class PaymentFlowIT {
    private static final List<String> SETTINGS = List.of("EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE");
    private static EventStore events;
    private static PaymentHandler handler;

    @BeforeAll
    static void tablesAndHandler() {
        String suffix = UUID.randomUUID().toString();
        List<String> logicalIds = List.of("EventStoreTable", "IdempotencyTable");
        for (int i = 0; i < logicalIds.size(); i++) {
            String name = "payment-flow-" + logicalIds.get(i) + "-" + suffix;
            TableProvisioner.create(AwsClients.dynamo(), Template.project(), logicalIds.get(i), name);
            io.eventflow.aws.TestEnvironment.set(SETTINGS.get(i), name);
        }
        events = new DynamoDbEventStore(AwsClients.dynamo(), io.eventflow.aws.Environment.require("EVENT_STORE_TABLE"));
        io.eventflow.aws.TestEnvironment.set("ALLOW_SIMULATED_PAYMENTS", "true"); // as the template sets it in dev
        handler = new PaymentHandler();
    }

    @AfterAll
    static void clearSettings() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    /** An order placed and reserved; returns the stored InventoryReserved the PaymentQueue delivers. */
    private static EventEnvelope reservedOrder(String orderId, String customerId, long unitPriceCents) {
        List<LineItem> items = List.of(new LineItem("SKU-001", 2, unitPriceCents));
        String placedId = Ids.random();
        events.append(
                "Order-" + orderId,
                0,
                List.of(
                        EventCodec.draft(
                                new OrderPlaced(orderId, customerId, null, null, items, "EUR", 2 * unitPriceCents),
                                placedId,
                                Instant.now(),
                                "eventflow.orders",
                                "corr-" + orderId,
                                null),
                        EventCodec.draft(
                                new InventoryReserved(orderId, items),
                                Ids.derived("inventory", placedId, "InventoryReserved"),
                                Instant.now(),
                                "eventflow.inventory",
                                "corr-" + orderId,
                                placedId)));
        return events.readStream("Order-" + orderId, 2).get(0);
    }

    private static List<String> failures(SQSEvent message) {
        SQSBatchResponse response = handler.handleRequest(message, null);
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void authorizesOnceThoughDeliveredTwice() {
        String orderId = "ORD-P-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope reserved = reservedOrder(orderId, "CUST-42", 1250);

        assertThat(failures(TestEvents.message(reserved))).isEmpty();
        assertThat(failures(TestEvents.message(reserved))).isEmpty();

        List<EventEnvelope> stream = events.readStream("Order-" + orderId, 1);
        assertThat(stream)
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentAuthorized");
        assertThat(stream.get(2).causationId()).isEqualTo(reserved.eventId());
        assertThat(EventCodec.decode(stream.get(2)))
                .isEqualTo(new PaymentAuthorized(orderId, SimulatedPaymentProvider.paymentIdOf(orderId), 2500, "EUR"));
    }

    @Test
    void declinesAnAmountAboveTheCardLimit() {
        String orderId = "ORD-P-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope reserved = reservedOrder(orderId, "CUST-42", 250_001);

        assertThat(failures(TestEvents.message(reserved))).isEmpty();

        List<EventEnvelope> stream = events.readStream("Order-" + orderId, 3);
        assertThat(stream).hasSize(1);
        assertThat(EventCodec.decode(stream.get(0)))
                .isEqualTo(new PaymentDeclined(orderId, "amount exceeds card limit"));
    }
}
