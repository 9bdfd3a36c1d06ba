package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.EventCodec;
import io.eventflow.events.OrderPlaced;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.store.InMemoryEventStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Under ApiAuth=IAM an order belongs to the {@link Owner} that placed it: OrderPlaced records it (placedBy) and
 * GET /orders/{orderId} answers that owner only; everyone else gets the 404 of an unknown order.
 */
class OrderOwnershipTest {
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    private static final String BOB = "arn:aws:sts::123456789012:assumed-role/Shop/bob";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryOrderViews views = new InMemoryOrderViews();
    private final AtomicInteger orderSeq = new AtomicInteger();
    private final OrderApi api = new OrderApi(
            store,
            new InMemoryIdempotencyStore(),
            views,
            InMemoryCatalog.sample(),
            Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC),
            () -> "ORD-" + orderSeq.incrementAndGet());

    @Test
    void theOrderRecordsItsCallerAndOnlyThatCallerCanReadIt() {
        String orderId = place(ALICE, null);

        OrderPlaced placed = (OrderPlaced)
                EventCodec.decode(store.readStream("Order-" + orderId, 1).get(0));
        assertThat(placed.placedBy()).isEqualTo(ALICE);

        views.put(OrderViewsContract.placed(orderId));
        assertThat(api.handle(get(orderId, ALICE)).status()).isEqualTo(200);
        HttpResponse forBob = api.handle(get(orderId, BOB));
        assertThat(forBob.status()).isEqualTo(404);
        assertThat(forBob.body()).isEqualTo(api.handle(get("ORD-unknown", BOB)).body());
        assertThat(api.handle(get(orderId, null)).status())
                .as("no principal: not the owner")
                .isEqualTo(404);
    }

    @Test
    void anOrderPlacedOnAnOpenApiHasNoOwnerAndNoVerifiedCallerSeesIt() {
        String orderId = place(null, null);

        assertThat(((OrderPlaced) EventCodec.decode(
                                store.readStream("Order-" + orderId, 1).get(0)))
                        .placedBy())
                .isNull();
        views.put(OrderViewsContract.placed(orderId));
        assertThat(api.handle(get(orderId, null)).status()).as("open API").isEqualTo(200);
        HttpResponse forBob = api.handle(get(orderId, BOB));
        assertThat(forBob.status())
                .as("ApiAuth=IAM: an ownerless order is no one's")
                .isEqualTo(404);
        assertThat(forBob.body()).isEqualTo(api.handle(get("ORD-unknown", BOB)).body());
    }

    @Test
    void anOrderRecordedWithASessionNameBelongsToItsRole() {
        String orderId = place("arn:aws:sts::123456789012:assumed-role/Shop/carol", null);
        views.put(OrderViewsContract.placed(orderId));

        assertThat(api.handle(get(orderId, Owner.of("arn:aws:sts::123456789012:assumed-role/Shop/dave", null)))
                        .status())
                .isEqualTo(200);
        assertThat(api.handle(get(orderId, Owner.of("arn:aws:sts::123456789012:assumed-role/Other/carol", null)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void idempotencyKeysAreScopedToTheirCaller() {
        String alices = place(ALICE, "key-1");
        String again = place(ALICE, "key-1");
        String bobs = place(BOB, "key-1");

        assertThat(again).as("Alice's retry").isEqualTo(alices);
        assertThat(bobs).as("Bob's identical key places Bob's own order").isNotEqualTo(alices);
        assertThat(((OrderPlaced) EventCodec.decode(
                                store.readStream("Order-" + bobs, 1).get(0)))
                        .placedBy())
                .isEqualTo(BOB);
    }

    private String place(String caller, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null
                ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "idempotency-key", idempotencyKey);
        HttpResponse r = api.handle(new HttpRequest(
                "POST",
                "/orders",
                "POST /orders",
                headers,
                null,
                OrderApiTest.VALID.getBytes(StandardCharsets.UTF_8),
                caller));
        assertThat(r.status()).isEqualTo(202);
        return r.json().get("orderId").asText();
    }

    private static HttpRequest get(String orderId, String caller) {
        return new HttpRequest(
                "GET",
                "/orders/" + orderId,
                "GET /orders/{orderId}",
                Map.of(),
                Map.of("orderId", orderId),
                null,
                caller);
    }
}
