package io.eventflow.payment;

import static io.eventflow.payment.TestEvents.envelope;
import static io.eventflow.payment.TestEvents.load;
import static io.eventflow.payment.TestEvents.redelivered;
import static io.eventflow.testing.SqsTestEvents.asDraft;
import static io.eventflow.testing.SqsTestEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventSchemas;
import io.eventflow.events.Ids;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.store.CrashingEventStore;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler on the sample events of events/payment, with the in-memory twins. */
class PaymentHandlerTest {
    private static final String RESERVED = "payment/inventory-reserved.json";
    private static final String RESERVED_DECLINE = "payment/inventory-reserved-decline.json";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:15:32.789Z"), ZoneOffset.UTC);
    private final InMemoryEventStore events = new InMemoryEventStore();
    private final CrashingEventStore crashing = new CrashingEventStore(events);
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final AtomicInteger authorizations = new AtomicInteger();
    private final List<PaymentProvider.AuthorizationRequest> requests =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PaymentProvider provider = request -> {
        authorizations.incrementAndGet();
        requests.add(request);
        return new SimulatedPaymentProvider().authorize(request);
    };

    /** The streams the two sample messages came from: OrderPlaced, then the InventoryReserved they carry. */
    @BeforeEach
    void orderStreams() {
        events.append(
                "Order-ORD-1001",
                0,
                List.of(asDraft(envelope("inventory/order-placed.json")), asDraft(envelope(RESERVED))));
        events.append(
                "Order-ORD-1002",
                0,
                List.of(
                        EventCodec.draft(
                                new OrderPlaced(
                                        "ORD-1002",
                                        "CUST-DECLINE-01",
                                        "grace@example.com",
                                        "+15550100043",
                                        SampleEvents.items(),
                                        "EUR",
                                        7499),
                                "8f14e45f-ceea-467a-9575-0f4a5d9b1002",
                                SampleEvents.T0,
                                "eventflow.orders",
                                "corr-ORD-1002",
                                null),
                        asDraft(envelope(RESERVED_DECLINE))));
    }

    private PaymentHandler handler(InMemoryIdempotencyStore store) {
        return new PaymentHandler(
                new PaymentService(crashing, store, provider, clock),
                clock,
                new io.eventflow.lambda.InMemoryMessageDelay());
    }

    private PaymentHandler handler() {
        return handler(idempotency);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void reservedOrderIsAuthorizedForItsTotal() {
        assertThat(failures(handler().handleRequest(load(RESERVED), null))).isEmpty();

        List<EventEnvelope> stream = events.readStream("Order-ORD-1001", 1);
        assertThat(stream).hasSize(3);
        EventEnvelope paid = stream.get(2);
        EventEnvelope cause = envelope(RESERVED);
        assertThat(paid.eventId()).isEqualTo(Ids.derived("payment", cause.eventId(), "PaymentAuthorized"));
        assertThat(paid.source()).isEqualTo("eventflow.payment");
        assertThat(paid.correlationId()).isEqualTo("corr-ORD-1001");
        assertThat(paid.causationId()).isEqualTo(cause.eventId());
        assertThat(EventCodec.decode(paid))
                .isEqualTo(new PaymentAuthorized(
                        "ORD-1001", SimulatedPaymentProvider.paymentIdOf("ORD-1001"), 7499, "EUR"));
    }

    @Test
    void declinedCardAppendsPaymentDeclined() {
        assertThat(failures(handler().handleRequest(load(RESERVED_DECLINE), null)))
                .isEmpty();

        EventEnvelope declined = events.readStream("Order-ORD-1002", 3).get(0);
        assertThat(declined.eventId())
                .isEqualTo(Ids.derived("payment", envelope(RESERVED_DECLINE).eventId(), "PaymentDeclined"));
        assertThat(EventCodec.decode(declined)).isEqualTo(new PaymentDeclined("ORD-1002", "card declined"));
        // the inventory sample's compensation was caused by exactly this event
        assertThat(envelope("inventory/inventory-released.json").causationId()).isEqualTo(declined.eventId());
    }

    @Test
    void duplicateDeliveryAuthorizesOnce() {
        handler().handleRequest(load(RESERVED), null);
        assertThat(failures(handler().handleRequest(redelivered(RESERVED), null)))
                .isEmpty();
        // with the idempotency record gone (expired), the stream still says the order is paid
        assertThat(failures(handler(new InMemoryIdempotencyStore()).handleRequest(redelivered(RESERVED), null)))
                .isEmpty();

        assertThat(authorizations).hasValue(1);
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(3);
    }

    @Test
    void duplicateDeliveryOfADeclineDeclinesOnce() {
        handler().handleRequest(load(RESERVED_DECLINE), null);
        handler(new InMemoryIdempotencyStore()).handleRequest(redelivered(RESERVED_DECLINE), null);
        assertThat(authorizations).hasValue(1);
        assertThat(events.readStream("Order-ORD-1002", 1)).hasSize(3);
    }

    @Test
    void aCrashBetweenAuthorizationAndAppendIsRepairedWithTheSamePayment() {
        crashing.crashNextAppend();
        SQSEvent message = load(RESERVED);
        assertThat(failures(handler().handleRequest(message, null)))
                .containsExactly(message.getRecords().get(0).getMessageId());
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(2);

        assertThat(failures(handler().handleRequest(redelivered(RESERVED), null)))
                .isEmpty();
        List<EventEnvelope> stream = events.readStream("Order-ORD-1001", 1);
        assertThat(stream)
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentAuthorized");
        // asked twice, but the provider's authorization is keyed by order: one payment
        assertThat(((PaymentAuthorized) EventCodec.decode(stream.get(2))).paymentId())
                .isEqualTo(SimulatedPaymentProvider.paymentIdOf("ORD-1001"));
        // both attempts carried the order id as the provider's idempotency key: a real provider charges once
        assertThat(requests)
                .extracting(PaymentProvider.AuthorizationRequest::idempotencyKey)
                .containsExactly("ORD-1001", "ORD-1001");
    }

    @Test
    void anOrderNoLongerReservedIsIgnored() {
        events.append(
                "Order-ORD-1001",
                2,
                List.of(EventCodec.draft(
                        new OrderCancelled("ORD-1001", "customer asked"),
                        Ids.random(),
                        SampleEvents.T0,
                        "eventflow.saga",
                        "corr-ORD-1001",
                        null)));
        assertThat(failures(handler().handleRequest(load(RESERVED), null))).isEmpty();
        assertThat(authorizations).hasValue(0);
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(3);
    }

    @Test
    void poisonMessagesAreReportedAloneWhileTheOthersSucceed() {
        SQSEvent poison = load("inventory/poison-message.json");
        SQSBatchResponse response =
                handler().handleRequest(batch(load(RESERVED), poison, load(RESERVED_DECLINE)), null);

        assertThat(failures(response))
                .containsExactlyElementsOf(poison.getRecords().stream()
                        .map(SQSEvent.SQSMessage::getMessageId)
                        .toList());
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(3);
        assertThat(events.readStream("Order-ORD-1002", 1)).hasSize(3);
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        assertThat(failures(handler().handleRequest(load("inventory/order-placed.json"), null)))
                .isEmpty();
        assertThat(authorizations).hasValue(0);
    }

    @Test
    void sampleEventsHaveTheShapeLambdaDeliversAndValidEnvelopes() throws Exception {
        for (String file : List.of(RESERVED, RESERVED_DECLINE)) {
            for (SQSEvent.SQSMessage m : load(file).getRecords()) {
                assertThat(m.getEventSource()).isEqualTo("aws:sqs");
                assertThat(m.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:eventflow-payment-dev");
                assertThat(m.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
                assertThat(m.getMd5OfBody())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("MD5")
                                        .digest(m.getBody().getBytes(StandardCharsets.UTF_8))));
                JsonNode body = EventJson.parse(m.getBody());
                assertThat(body.path("version").asText()).isEqualTo("0");
                assertThat(body.path("detail-type").asText()).isEqualTo("InventoryReserved");
                assertThat(body.path("source").asText()).isEqualTo("eventflow.inventory");
                assertThat(EventSchemas.validate(body.path("detail"))).as(file).isEmpty();
            }
        }
    }

    @Test
    void anInventoryReservedForAnotherStreamChargesNothing() {
        // ORD-1002's InventoryReserved, re-addressed to ORD-1001 by whoever could write to the queue.
        SQSEvent forged = load(RESERVED_DECLINE);
        forged.getRecords().get(0).setBody(forged.getRecords().get(0).getBody().replace("ORD-1002", "ORD-1001"));

        assertThat(failures(handler().handleRequest(forged, null))).hasSize(1);
        assertThat(authorizations).hasValue(0);
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(2);
    }

    @Test
    void aProviderOutageOpensTheBreakerTheMessagesWaitAndTheOrderIsChargedOnceAfter() {
        var wall = new io.eventflow.resilience.MutableClock(clock.instant());
        var breaker = new io.eventflow.resilience.ProviderBreaker(
                PaymentService.CONSUMER, "payment-provider", java.time.Duration.ofSeconds(60), wall);
        var delay = new io.eventflow.lambda.InMemoryMessageDelay();
        AtomicInteger down = new AtomicInteger(1_000);
        PaymentProvider flaky = request -> {
            if (down.getAndDecrement() > 0) {
                authorizations.incrementAndGet();
                throw new io.eventflow.events.RetryableException("payment provider: 503 Service Unavailable");
            }
            return provider.authorize(request);
        };
        PaymentHandler guarded =
                new PaymentHandler(new PaymentService(crashing, idempotency, flaky, breaker, wall), wall, delay);
        String messageId = load(RESERVED).getRecords().get(0).getMessageId();

        for (int i = 0; i < 7; i++) {
            assertThat(failures(guarded.handleRequest(load(RESERVED), null))).containsExactly(messageId);
        }
        // three failed calls opened it; the next four deliveries never reached the provider
        assertThat(authorizations).hasValue(io.eventflow.resilience.ProviderBreaker.MINIMUM_CALLS);
        assertThat(delay.delays()).containsOnlyKeys(messageId);
        assertThat(events.readStream("Order-ORD-1001", 1)).hasSize(2);

        down.set(0);
        wall.advance(java.time.Duration.ofSeconds(61));
        assertThat(failures(guarded.handleRequest(redelivered(RESERVED), null))).isEmpty();
        assertThat(events.readStream("Order-ORD-1001", 1))
                .extracting(EventEnvelope::eventType)
                .containsExactly("OrderPlaced", "InventoryReserved", "PaymentAuthorized");
        assertThat(requests)
                .extracting(PaymentProvider.AuthorizationRequest::idempotencyKey)
                .containsExactly("ORD-1001");
    }
}
