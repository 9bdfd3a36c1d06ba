package io.eventflow.inventory;

import static io.eventflow.inventory.TestEvents.envelope;
import static io.eventflow.inventory.TestEvents.load;
import static io.eventflow.inventory.TestEvents.redelivered;
import static io.eventflow.testing.SqsTestEvents.asDraft;
import static io.eventflow.testing.SqsTestEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.BusPayload;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventSchemas;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryRejected;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.events.PermanentException;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.store.CrashingEventStore;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler on the sample events of events/inventory, with the in-memory twins. */
class InventoryHandlerTest {
    private static final String STREAM = "Order-ORD-1001";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:15:31.456Z"), ZoneOffset.UTC);
    private final InMemoryEventStore events = new InMemoryEventStore();
    private final CrashingEventStore crashing = new CrashingEventStore(events);
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final InMemoryInventoryRepository stock = new InMemoryInventoryRepository();
    private EventEnvelope placed;

    @BeforeEach
    void stockAndOrderStream() {
        StockSeed.apply(stock, StockSeed.load(Path.of(TestEvents.DIR + "seed-stock.json")));
        placed = envelope("order-placed.json");
        events.append(STREAM, 0, List.of(asDraft(placed)));
    }

    private InventoryHandler handler(InMemoryIdempotencyStore idempotency) {
        return new InventoryHandler(new InventoryService(crashing, idempotency, stock, clock), clock);
    }

    private InventoryHandler handler() {
        return handler(idempotency);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void orderPlacedReservesEveryLineAndAppendsInventoryReserved() {
        assertThat(failures(handler().handleRequest(load("order-placed.json"), null)))
                .isEmpty();

        assertThat(stock.available("SKU-001")).isEqualTo(98);
        assertThat(stock.available("SKU-002")).isEqualTo(49);
        List<EventEnvelope> stream = events.readStream(STREAM, 1);
        assertThat(stream).hasSize(2);
        EventEnvelope reserved = stream.get(1);
        assertThat(reserved.sequence()).isEqualTo(2);
        assertThat(reserved.eventId())
                .isEqualTo(Ids.derived("inventory", placed.eventId(), "InventoryReserved"))
                // the payment sample is the message this very append publishes
                .isEqualTo(EventBridgeMessages.envelope(
                                EventLoader.loadSQSEvent("../../events/payment/inventory-reserved.json")
                                        .getRecords()
                                        .get(0)
                                        .getBody())
                        .eventId());
        assertThat(reserved.source()).isEqualTo("eventflow.inventory");
        assertThat(reserved.correlationId()).isEqualTo("corr-ORD-1001");
        assertThat(reserved.causationId()).isEqualTo(placed.eventId());
        assertThat(EventCodec.decode(reserved)).isEqualTo(new InventoryReserved("ORD-1001", SampleEvents.items()));
    }

    @Test
    void duplicateDeliveryReservesOnce() {
        handler().handleRequest(load("order-placed.json"), null);
        assertThat(failures(handler().handleRequest(redelivered("order-placed.json"), null)))
                .isEmpty();
        // even with the idempotency record gone (expired), the stream and the reservation stop a second effect
        assertThat(failures(
                        handler(new InMemoryIdempotencyStore()).handleRequest(redelivered("order-placed.json"), null)))
                .isEmpty();

        assertThat(stock.available("SKU-001")).isEqualTo(98);
        assertThat(stock.available("SKU-002")).isEqualTo(49);
        assertThat(events.readStream(STREAM, 1)).hasSize(2);
    }

    @Test
    void aCrashBetweenReservationAndAppendIsRepairedByTheRedelivery() {
        crashing.crashNextAppend();
        SQSEvent message = load("order-placed.json");
        assertThat(failures(handler().handleRequest(message, null)))
                .containsExactly(message.getRecords().get(0).getMessageId());
        assertThat(stock.available("SKU-001")).isEqualTo(98); // the effect happened
        assertThat(events.readStream(STREAM, 1)).hasSize(1); // the outcome did not

        assertThat(failures(handler().handleRequest(redelivered("order-placed.json"), null)))
                .isEmpty();
        assertThat(stock.available("SKU-001")).isEqualTo(98);
        assertThat(events.readStream(STREAM, 1))
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "InventoryReserved");
    }

    @Test
    void notEnoughStockAppendsInventoryRejectedAndHoldsNothing() {
        stock.seed("SKU-002", 0);
        assertThat(failures(handler().handleRequest(load("order-placed.json"), null)))
                .isEmpty();

        assertThat(stock.available("SKU-001")).isEqualTo(100);
        EventEnvelope rejected = events.readStream(STREAM, 1).get(1);
        assertThat(rejected.eventId()).isEqualTo(Ids.derived("inventory", placed.eventId(), "InventoryRejected"));
        assertThat(EventCodec.decode(rejected))
                .isEqualTo(new InventoryRejected(
                        "ORD-1001", "SKU-002", "insufficient stock for SKU-002: 0 available, 1 requested"));

        // stock arriving later does not turn a recorded rejection into a reservation
        stock.seed("SKU-002", 10);
        handler(new InMemoryIdempotencyStore()).handleRequest(redelivered("order-placed.json"), null);
        assertThat(stock.available("SKU-002")).isEqualTo(10);
        assertThat(events.readStream(STREAM, 1)).hasSize(2);
    }

    @Test
    void inventoryReleasedRestocksExactlyOnce() {
        // ORD-1002's story up to the saga's compensation, with the ids each consumer derives
        String stream = "Order-ORD-1002";
        String placedId = "8f14e45f-ceea-467a-9575-0f4a5d9b1002";
        EventEnvelope placed2 = EventCodec.draft(
                new OrderPlaced(
                        "ORD-1002",
                        "CUST-DECLINE-01",
                        "grace@example.com",
                        "+15550100043",
                        SampleEvents.items(),
                        "EUR",
                        7499),
                placedId,
                SampleEvents.T0,
                "eventflow.orders",
                "corr-ORD-1002",
                null);
        events.append(stream, 0, List.of(placed2));
        InventoryService service = new InventoryService(events, idempotency, stock, clock);
        service.handle(events.readStream(stream, 1).get(0));
        assertThat(stock.available("SKU-001")).isEqualTo(98);
        String reservedId = Ids.derived("inventory", placedId, "InventoryReserved");
        EventEnvelope declined = EventCodec.draft(
                new PaymentDeclined("ORD-1002", "card declined"),
                Ids.derived("payment", reservedId, "PaymentDeclined"),
                SampleEvents.T0,
                "eventflow.payment",
                "corr-ORD-1002",
                reservedId);
        EventEnvelope cancelled = EventCodec.draft(
                new OrderCancelled("ORD-1002", "payment declined"),
                Ids.random(),
                SampleEvents.T0,
                "eventflow.saga",
                "corr-ORD-1002",
                declined.eventId());
        events.append(stream, 2, List.of(declined, cancelled));
        EventEnvelope released = envelope("inventory-released.json");
        assertThat(released.causationId()).isEqualTo(declined.eventId());
        events.append(stream, 4, List.of(asDraft(released)));
        assertThat(events.readStream(stream, 5).get(0).sequence()).isEqualTo(released.sequence());

        assertThat(failures(handler().handleRequest(load("inventory-released.json"), null)))
                .isEmpty();
        assertThat(stock.available("SKU-001")).isEqualTo(100);
        assertThat(stock.available("SKU-002")).isEqualTo(50);

        handler().handleRequest(redelivered("inventory-released.json"), null);
        handler(new InMemoryIdempotencyStore()).handleRequest(redelivered("inventory-released.json"), null);
        assertThat(stock.available("SKU-001")).isEqualTo(100);
        assertThat(stock.available("SKU-002")).isEqualTo(50);
        assertThat(events.readStream(stream, 1)).hasSize(5); // a release appends nothing
    }

    @Test
    void aReleaseForAnOrderThatHeldNothingRestocksNothing() {
        EventEnvelope released = envelope("inventory-released.json");
        // A history that never reserved, with the release at the sample's own position (sequence 5).
        events.append(
                "Order-ORD-1002",
                0,
                List.of(
                        EventCodec.draft(
                                new OrderPlaced(
                                        "ORD-1002", "CUST-DECLINE-01", null, null, SampleEvents.items(), "EUR", 7499),
                                Ids.random(),
                                SampleEvents.T0,
                                "eventflow.orders",
                                "corr-ORD-1002",
                                null),
                        SampleEvents.draft(new InventoryRejected("ORD-1002", "SKU-001", "insufficient stock")),
                        SampleEvents.draft(new OrderCancelled("ORD-1002", "out of stock: SKU-001")),
                        SampleEvents.draft(new PaymentDeclined("ORD-1002", "late")),
                        asDraft(released)));
        assertThat(released.sequence()).isEqualTo(5);
        assertThat(failures(handler().handleRequest(load("inventory-released.json"), null)))
                .isEmpty();
        assertThat(stock.available("SKU-001")).isEqualTo(100);
    }

    @Test
    void poisonMessagesAreReportedAloneWhileTheOthersSucceed() {
        SQSEvent poison = load("poison-message.json");
        SQSBatchResponse response = handler().handleRequest(batch(poison, load("order-placed.json")), null);

        assertThat(failures(response))
                .containsExactlyElementsOf(poison.getRecords().stream()
                        .map(SQSEvent.SQSMessage::getMessageId)
                        .toList());
        assertThat(stock.available("SKU-001")).isEqualTo(98);
        assertThat(events.readStream(STREAM, 1)).hasSize(2);
    }

    @Test
    void aMessageWhoseOrderStreamIsMissingIsRetried() {
        InventoryHandler fresh =
                new InventoryHandler(new InventoryService(new InMemoryEventStore(), idempotency, stock, clock), clock);
        SQSEvent message = load("order-placed.json");
        assertThat(failures(fresh.handleRequest(message, null))).hasSize(1);
        assertThat(stock.available("SKU-001")).isEqualTo(100);
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        SQSEvent other = EventLoader.loadSQSEvent("../../events/payment/inventory-reserved.json");
        assertThat(failures(handler().handleRequest(other, null))).isEmpty();
        assertThat(stock.available("SKU-001")).isEqualTo(100);
        assertThat(events.readStream(STREAM, 1)).hasSize(1);
    }

    @Test
    void sampleEventsHaveTheShapeLambdaDeliversAndValidEnvelopes() throws Exception {
        for (String file : List.of("order-placed.json", "inventory-released.json")) {
            for (SQSEvent.SQSMessage m : load(file).getRecords()) {
                assertThat(m.getEventSource()).isEqualTo("aws:sqs");
                assertThat(m.getEventSourceArn())
                        .isEqualTo("arn:aws:sqs:us-east-1:123456789012:eventflow-inventory-dev");
                assertThat(m.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
                assertThat(m.getMd5OfBody())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("MD5")
                                        .digest(m.getBody().getBytes(StandardCharsets.UTF_8))));
                JsonNode body = EventJson.parse(m.getBody());
                assertThat(body.path("version").asText()).isEqualTo("0");
                assertThat(body.path("resources").isArray()).isTrue();
                assertThat(body.path("detail-type").asText())
                        .isEqualTo(body.path("detail").path("eventType").asText());
                assertThat(body.path("source").asText())
                        .isEqualTo(body.path("detail").path("source").asText());
                assertThat(EventSchemas.validate(body.path("detail"))).as(file).isEmpty();
                EventEnvelope detail = EventCodec.fromJson(body.path("detail"));
                assertThat(BusPayload.of(detail))
                        .as("%s is what the bus carries", file)
                        .isEqualTo(detail);
            }
        }
        for (SQSEvent.SQSMessage m : load("poison-message.json").getRecords()) {
            assertThatThrownBy(() -> EventBridgeMessages.envelope(m.getBody())).isInstanceOf(PermanentException.class);
        }
    }

    @Test
    void seedStockHasTheSampleSkusAndOneSoldOut() {
        var seed = StockSeed.load(Path.of(TestEvents.DIR + "seed-stock.json"));
        assertThat(seed.get("SKU-001")).isPositive();
        assertThat(seed.get("SKU-002")).isPositive();
        assertThat(seed).containsEntry("SKU-OUT", 0L);
        assertThatThrownBy(() -> StockSeed.parse("{\"SKU-001\": -1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StockSeed.parse("{\"bad sku\": 1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlteredOrderPlacedReservesNothing() {
        // The stored OrderPlaced asks for 2 + 1 units; a message with the same ids asking for 100 is not it.
        SQSEvent message = load("order-placed.json");
        SQSEvent.SQSMessage m = message.getRecords().get(0);
        m.setBody(m.getBody().replace("\"quantity\":2", "\"quantity\":100"));
        assertThat(m.getBody()).contains("\"quantity\":100");

        try (io.eventflow.testing.CapturedLog log = io.eventflow.testing.CapturedLog.start()) {
            assertThat(failures(handler().handleRequest(message, null))).containsExactly(m.getMessageId());
            assertThat(log.text())
                    .contains("\"reason\":\"unverified\"")
                    .contains("its data differs from the stored event");
        }
        assertThat(stock.available("SKU-001")).isEqualTo(100);
        assertThat(stock.available("SKU-002")).isEqualTo(50);
        assertThat(events.readStream(STREAM, 1)).hasSize(1);
    }

    @Test
    void anInventoryReleasedNobodyAppendedRestocksNothing() {
        handler().handleRequest(load("order-placed.json"), null); // reserved: 98 and 49 left
        SQSEvent forged = load("inventory-released.json"); // a release of this order nobody appended
        forged.getRecords().get(0).setBody(forged.getRecords().get(0).getBody().replace("ORD-1002", "ORD-1001"));

        assertThat(failures(handler().handleRequest(forged, null))).hasSize(1);
        assertThat(stock.available("SKU-001")).isEqualTo(98);
        assertThat(stock.available("SKU-002")).isEqualTo(49);
    }
}
