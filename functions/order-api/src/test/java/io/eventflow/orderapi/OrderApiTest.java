package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventSchemas;
import io.eventflow.events.RetryableException;
import io.eventflow.idempotency.IdempotencyInProgressException;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.notification.SmsCountries;
import io.eventflow.store.EventStore;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service with in-memory twins: one test (at least) per status code. */
class OrderApiTest {
    static final String VALID = """
            {"customerId":"CUST-42","customerEmail":"ada@example.com","customerPhone":"+15550100042",
             "currency":"EUR","items":[{"sku":"SKU-001","quantity":2,"unitPriceCents":1250},
                                       {"sku":"SKU-002","quantity":1,"unitPriceCents":4999}]}""";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final AtomicInteger idempotencyCalls = new AtomicInteger();
    private final InMemoryIdempotencyStore idempotencyTwin = new InMemoryIdempotencyStore();
    private final IdempotencyStore idempotency = (c, k, h, w) -> {
        idempotencyCalls.incrementAndGet();
        return idempotencyTwin.processOnce(c, k, h, w);
    };
    private final InMemoryOrderViews views = new InMemoryOrderViews();
    private final InMemoryCatalog catalog = InMemoryCatalog.sample();
    private final AtomicInteger orderSeq = new AtomicInteger();
    private final OrderApi api = api(store, idempotency);

    private OrderApi api(EventStore s, IdempotencyStore i) {
        return new OrderApi(
                s, i, views, catalog, Clock.fixed(NOW, ZoneOffset.UTC), () -> "ORD-" + orderSeq.incrementAndGet());
    }

    static HttpRequest post(String body, String... headers) {
        return post(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpRequest post(byte[] body, String... headers) {
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HttpRequest("POST", "/orders", "POST /orders", h, null, body);
    }

    static HttpRequest get(String orderId) {
        return new HttpRequest(
                "GET", "/orders/" + orderId, "GET /orders/{orderId}", Map.of(), Map.of("orderId", orderId), null);
    }

    private List<EventEnvelope> placedEvents() {
        return store.readByType(
                        "OrderPlaced",
                        NOW.minus(Duration.ofHours(1)),
                        NOW.plus(Duration.ofHours(1)),
                        Optional.empty(),
                        100)
                .events();
    }

    private void assertNothingWritten() {
        assertThat(placedEvents()).isEmpty();
        assertThat(idempotencyCalls).hasValue(0);
    }

    /** 202: an order is placed. */
    @Nested
    class Accepted {
        @Test
        void placesAnOrder() {
            HttpResponse response = api.handle(post(VALID, "x-correlation-id", "corr-1"));

            assertThat(response.status()).isEqualTo(202);
            assertThat(response.headers())
                    .containsEntry("Location", "/orders/ORD-1")
                    .containsEntry("Content-Type", "application/json")
                    .containsEntry("X-Correlation-Id", "corr-1");
            JsonNode body = response.json();
            assertThat(body.get("orderId").asText()).isEqualTo("ORD-1");
            assertThat(body.get("status").asText()).isEqualTo("PLACED");

            List<EventEnvelope> stream = store.readStream("Order-ORD-1", 1);
            assertThat(stream).hasSize(1);
            EventEnvelope e = stream.get(0);
            assertThat(e.eventId()).isEqualTo(body.get("eventId").asText());
            assertThat(e.eventType()).isEqualTo("OrderPlaced");
            assertThat(e.source()).isEqualTo("eventflow.orders");
            assertThat(e.correlationId()).isEqualTo("corr-1");
            assertThat(e.timestamp()).isEqualTo(NOW);
            assertThat(e.data().get("totalCents").asLong()).isEqualTo(2 * 1250 + 4999);
            assertThat(e.data().get("customerEmail").asText()).isEqualTo("ada@example.com");
            assertThat(EventSchemas.validate(EventCodec.toJson(e))).isEmpty();
        }

        @Test
        void generatesACorrelationIdWhenTheClientSendsNone() {
            HttpResponse response = api.handle(post(VALID));
            String correlationId = response.headers().get("X-Correlation-Id");
            assertThat(correlationId).isNotBlank();
            assertThat(store.readStream("Order-ORD-1", 1).get(0).correlationId())
                    .isEqualTo(correlationId);
        }

        @Test
        void randomOrderIdsAreValidStreamIds() {
            String id = OrderPlacement.randomOrderId();
            assertThat(id).matches("ORD-[0-9a-f]{32}").isNotEqualTo(OrderPlacement.randomOrderId());
            HttpResponse response = new OrderApi(store, idempotency, views, catalog).handle(post(VALID));
            assertThat(response.status()).isEqualTo(202);
            assertThat(store.readStream(
                            "Order-" + response.json().get("orderId").asText(), 1))
                    .hasSize(1);
        }

        @Test
        void aBodyOfExactlyTheLimitIsAccepted() {
            String padded = VALID + " ".repeat(OrderApi.MAX_BODY_BYTES - VALID.getBytes(StandardCharsets.UTF_8).length);
            assertThat(api.handle(post(padded)).status()).isEqualTo(202);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
        void acceptsJsonMediaTypes(String contentType) {
            assertThat(api.handle(post(VALID, "content-type", contentType)).status())
                    .isEqualTo(202);
        }
    }

    /** An Idempotency-Key makes a retry safe. */
    @Nested
    class Idempotency {
        @Test
        void sameKeyAndBodyReturnsTheFirstResponse() {
            HttpResponse first = api.handle(post(VALID, "idempotency-key", "key-1"));
            HttpResponse again = api.handle(post(VALID, "idempotency-key", "key-1"));

            assertThat(again.status()).isEqualTo(202);
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(again.headers())
                    .containsEntry(
                            "Location", "/orders/" + first.json().get("orderId").asText())
                    .containsEntry("Idempotent-Replayed", "true");
            assertThat(placedEvents()).hasSize(1);
        }

        @Test
        void aRetryWhoseFirstRecordWasNeverCompletedPlacesNoSecondOrder() {
            // The first run appended OrderPlaced but its idempotency record was lost (store unreachable, record
            // expired): the retry runs the work again, and the key-derived ids make that a duplicate append.
            OrderApi forgetful = api(store, (c, k, h, w) -> new IdempotencyStore.Outcome(w.get(), true));
            HttpResponse first = forgetful.handle(post(VALID, "idempotency-key", "key-9"));
            HttpResponse retry = forgetful.handle(post(VALID, "idempotency-key", "key-9"));

            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(placedEvents()).hasSize(1);
        }

        @Test
        void sameKeyWithAnotherBodyIsAConflict() {
            api.handle(post(VALID, "idempotency-key", "key-1"));
            HttpResponse other = api.handle(post(VALID.replace("CUST-42", "CUST-43"), "idempotency-key", "key-1"));

            assertThat(other.status()).isEqualTo(409);
            assertThat(other.json().get("error").asText()).contains("different request body");
            assertThat(placedEvents()).hasSize(1);
        }

        @Test
        void aKeyInProgressIsAConflictWithRetryAfter() {
            OrderApi busy = api(store, (c, k, h, w) -> {
                throw new IdempotencyInProgressException(c, k);
            });
            HttpResponse response = busy.handle(post(VALID, "idempotency-key", "key-1"));

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.headers()).containsEntry("Retry-After", "1");
            assertThat(response.json().get("error").asText()).contains("in progress");
            assertThat(placedEvents()).isEmpty();
        }

        @Test
        void differentKeysPlaceDifferentOrders() {
            HttpResponse first = api.handle(post(VALID, "idempotency-key", "key-1"));
            HttpResponse second = api.handle(post(VALID, "idempotency-key", "key-2"));
            assertThat(second.json().get("orderId").asText())
                    .isNotEqualTo(first.json().get("orderId").asText());
            assertThat(placedEvents()).hasSize(2);
        }
    }

    /** 400: what is not a readable request. */
    @Nested
    class BadRequest {
        @Test
        void malformedJsonIsABadRequestSayingWhere() {
            HttpResponse response = api.handle(post("{\"customerId\": \"CUST-1\",\n  \"items\": [}"));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).contains("malformed JSON at line 2, column");
            assertNothingWritten();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{} {}", "{\"a\":1} trailing"})
        void emptyOrTrailingContentIsABadRequest(String body) {
            assertThat(api.handle(post(body)).status()).isEqualTo(400);
            assertNothingWritten();
        }

        @Test
        void invalidUtf8IsABadRequest() {
            assertThat(api.handle(post(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}))
                            .status())
                    .isEqualTo(400);
            assertNothingWritten();
        }

        @Test
        void badHeaderValuesAreBadRequests() {
            assertThat(api.handle(post(VALID, "idempotency-key", "has space")).status())
                    .isEqualTo(400);
            assertThat(api.handle(post(VALID, "idempotency-key", "k".repeat(129)))
                            .status())
                    .isEqualTo(400);
            assertThat(api.handle(post(VALID, "x-correlation-id", "c".repeat(129)))
                            .status())
                    .isEqualTo(400);
            assertNothingWritten();
        }
    }

    /** 413 and 415: the body's size and media type. */
    @Nested
    class TooLargeOrUnsupported {
        @Test
        void aBodyOverTheLimitIsTooLarge() {
            String padded =
                    VALID + " ".repeat(OrderApi.MAX_BODY_BYTES + 1 - VALID.getBytes(StandardCharsets.UTF_8).length);
            HttpResponse response = api.handle(post(padded));
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("error").asText()).contains("32768");
            assertNothingWritten();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "text/plain",
                    "application/json; charset=iso-8859-1",
                    "application/jsonx",
                    "application/x-www-form-urlencoded",
                    "application/json; charset"
                })
        void otherMediaTypesAreUnsupported(String contentType) {
            HttpResponse response = api.handle(post(VALID, "content-type", contentType));
            assertThat(response.status()).isEqualTo(415);
            assertThat(response.json().get("error").asText()).contains("application/json");
            assertNothingWritten();
        }

        @Test
        void aMissingContentTypeIsUnsupported() {
            HttpRequest noType = new HttpRequest(
                    "POST", "/orders", "POST /orders", Map.of(), null, VALID.getBytes(StandardCharsets.UTF_8));
            assertThat(api.handle(noType).status()).isEqualTo(415);
            assertNothingWritten();
        }
    }

    /** 422: readable, but not a valid order. */
    @Nested
    class Unprocessable {
        @Test
        void aPhoneNumberOutsideTheSmsCountriesIsRefusedWith422AndNothingIsWritten() {
            OrderApi ukAndUs = new OrderApi(
                    store,
                    idempotency,
                    views,
                    catalog,
                    SmsCountries.parse("+1,+44"),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    () -> "ORD-" + orderSeq.incrementAndGet());

            HttpResponse response = ukAndUs.handle(
                    post(VALID.replace("+15550100042", "+4915112345678"), "Idempotency-Key", "k-sms-country"));

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations")).singleElement().satisfies(v -> {
                assertThat(v.get("path").asText()).isEqualTo("$.customerPhone");
                assertThat(v.get("message").asText())
                        .contains("+1, +44")
                        .contains("leave customerPhone out")
                        .doesNotContain("4915112345678");
            });
            assertNothingWritten();
            assertThat(ukAndUs.handle(post(VALID)).status())
                    .as("a +1 number is fine")
                    .isEqualTo(202);
            assertThat(ukAndUs.handle(post(VALID.replace(",\"customerPhone\":\"+15550100042\"", "")))
                            .status())
                    .as("no number at all is fine")
                    .isEqualTo(202);
        }

        @Test
        void listsEverySchemaViolationWithItsPath() {
            String body = """
                    {"customerId":"","customerEmail":"not-an-email","currency":"euro","coupon":"FREE",
                     "items":[{"sku":"sku 1","quantity":0,"unitPriceCents":-5},{"sku":"SKU-002","quantity":1.5}]}""";
            HttpResponse response = api.handle(post(body));

            assertThat(response.status()).isEqualTo(422);
            JsonNode json = response.json();
            assertThat(json.get("error").asText()).isEqualTo("validation failed");
            List<String> paths = json.get("violations").findValuesAsText("path");
            assertThat(paths)
                    .contains(
                            "$.coupon",
                            "$.customerId",
                            "$.customerEmail",
                            "$.currency",
                            "$.items[0].sku",
                            "$.items[0].quantity",
                            "$.items[0].unitPriceCents",
                            "$.items[1].quantity");
            assertThat(json.get("violations"))
                    .allSatisfy(v -> assertThat(v.get("message").asText()).isNotBlank());
            assertNothingWritten();
        }

        @Test
        void missingRequiredFieldsAreNamedInThePath() {
            HttpResponse response = api.handle(post("{}"));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations").findValuesAsText("path"))
                    .containsExactly("$.customerId", "$.items"); // price and currency come from the catalog
            assertNothingWritten();
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"order\"", "42", "null"})
        void jsonThatIsNotAnObjectIsUnprocessable(String body) {
            HttpResponse response = api.handle(post(body));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations").get(0).get("path").asText())
                    .isEqualTo("$");
            assertNothingWritten();
        }

        @Test
        void aTotalOverTheEventLimitIsUnprocessable() {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 2; i++) {
                catalog.put("SKU-" + i, 10_000_000, "EUR");
                items.append(i == 0 ? "" : ",")
                        .append("{\"sku\":\"SKU-")
                        .append(i)
                        .append("\",\"quantity\":1000,\"unitPriceCents\":10000000}");
            }
            HttpResponse response =
                    api.handle(post("{\"customerId\":\"C1\",\"currency\":\"EUR\",\"items\":[" + items + "]}"));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations").get(0).get("path").asText())
                    .isEqualTo("$.items");
            assertThat(response.json().get("violations").get(0).get("message").asText())
                    .contains("exceeds");
            assertNothingWritten();
        }

        @Test
        void aZeroCentPriceIsRefusedAndTheCatalogPriceIsNamed() {
            HttpResponse response = api.handle(post(VALID.replace("\"unitPriceCents\":1250", "\"unitPriceCents\":0")));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations").get(0).get("path").asText())
                    .isEqualTo("$.items[0].unitPriceCents");
            assertThat(response.json().get("violations").get(0).get("message").asText())
                    .contains("is 0 but the catalog price of SKU-001 is 1250 EUR cents");
            assertNothingWritten();
        }

        @Test
        void aCurrencyOtherThanTheCatalogsIsRefused() {
            HttpResponse response = api.handle(post(VALID.replace("\"EUR\"", "\"USD\"")));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("violations").findValuesAsText("path"))
                    .containsOnly("$.currency");
            assertNothingWritten();
        }

        @Test
        void anOrderWithoutPricesIsPlacedAtTheCatalogPrices() {
            HttpResponse response = api.handle(post("""
                    {"customerId":"CUST-42","items":[{"sku":"SKU-001","quantity":2},{"sku":"SKU-002","quantity":1}]}"""));
            assertThat(response.status()).isEqualTo(202);
            EventEnvelope placed = store.readStream(
                            "Order-" + response.json().get("orderId").asText(), 1)
                    .get(0);
            assertThat(placed.data().get("totalCents").asLong()).isEqualTo(2 * 1250 + 4999);
            assertThat(placed.data().get("currency").asText()).isEqualTo("EUR");
            assertThat(placed.data().get("items").get(1).get("unitPriceCents").asLong())
                    .isEqualTo(4999);
        }
    }

    /** 404 and 405: routes and methods. */
    @Nested
    class Routing {
        @Test
        void unknownRoutesAreNotFound() {
            for (String path : List.of("/", "/customers", "/orders/ORD-1/items")) {
                HttpResponse response = api.handle(new HttpRequest("GET", path, "$default", Map.of(), null, null));
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.json().has("error")).isTrue();
            }
        }

        @Test
        void wrongMethodsAreNotAllowed() {
            HttpResponse onCollection = api.handle(new HttpRequest("GET", "/orders", null, Map.of(), null, null));
            assertThat(onCollection.status()).isEqualTo(405);
            assertThat(onCollection.headers()).containsEntry("Allow", "POST");
            HttpResponse onItem = api.handle(new HttpRequest("DELETE", "/orders/ORD-1", null, Map.of(), null, null));
            assertThat(onItem.status()).isEqualTo(405);
            assertThat(onItem.headers()).containsEntry("Allow", "GET");
            assertNothingWritten();
        }

        @Test
        void routesByPathWhenThereIsNoRouteKey() {
            HttpResponse response = api.handle(new HttpRequest(
                    "POST",
                    "/orders/",
                    null,
                    Map.of("Content-Type", "application/json"),
                    null,
                    VALID.getBytes(StandardCharsets.UTF_8)));
            assertThat(response.status()).isEqualTo(202);
            views.put(OrderViewsContract.placed("ORD-9"));
            assertThat(api.handle(new HttpRequest("GET", "/orders/ORD-9", null, Map.of(), null, null))
                            .status())
                    .isEqualTo(200);
        }
    }

    /** GET /orders/{orderId}: the projected view. */
    @Nested
    class GetOrder {
        @Test
        void getsAProjectedOrder() {
            views.put(OrderViewsContract.cancelled("ORD-5"));
            HttpResponse response = api.handle(get("ORD-5"));

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("orderId").asText()).isEqualTo("ORD-5");
            assertThat(body.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(body.get("version").asLong()).isEqualTo(3);
            assertThat(body.get("items").get(0).get("sku").asText()).isEqualTo("SKU-001");
            assertThat(body.get("currency").asText()).isEqualTo("USD");
            assertThat(body.get("totalCents").asLong()).isEqualTo(500);
            assertThat(body.get("paymentId").asText()).isEqualTo("PAY-1");
            assertThat(body.get("trackingId").asText()).isEqualTo("TRK-1");
            assertThat(body.get("cancelReason").asText()).isEqualTo("payment declined");
            assertThat(body.get("timeline").findValuesAsText("eventType"))
                    .containsExactly("OrderPlaced", "PaymentDeclined", "OrderCancelled");
            assertThat(body.get("timeline").get(1).get("timestamp").asText()).isEqualTo("2026-11-28T10:15:31.500Z");
        }

        @Test
        void absentOptionalFieldsAreNull() {
            views.put(OrderViewsContract.placed("ORD-6"));
            JsonNode body = api.handle(get("ORD-6")).json();
            assertThat(body.has("paymentId")).isTrue();
            assertThat(body.get("paymentId").isNull()).isTrue();
            assertThat(body.get("trackingId").isNull()).isTrue();
            assertThat(body.get("cancelReason").isNull()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ORD-unknown", "bad id!", "-x"})
        void unknownOrMalformedOrderIdsAreNotFound(String orderId) {
            HttpResponse response = api.handle(get(orderId));
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("error").asText()).isEqualTo("order not found");
        }
    }

    /** What the logs carry. */
    @Nested
    class Logs {
        @Test
        void logsNeverCarryCustomerContactDetails() {
            String log;
            try (CapturedLog lines = CapturedLog.start()) {
                api.handle(post(VALID, "idempotency-key", "key-1"));
                api.handle(post(VALID, "idempotency-key", "key-1"));
                api.handle(post(VALID.replace("\"CUST-42\"", "\"\""), "idempotency-key", "key-2"));
                api.handle(post("{\"customerEmail\": ada@example.com, \"customerPhone\": +15550100042}"));
                log = lines.text();
            }
            assertThat(log).contains("order placed").contains("request rejected");
            assertThat(log).doesNotContain("ada@example.com").doesNotContain("15550100042");
        }
    }

    /** 503 and 500: the store failing. */
    @Nested
    class Failures {
        @Test
        void aStoreOutageIsServiceUnavailable() {
            EventStore down = failingStore(new RetryableException("throttled"));
            HttpResponse response = api(down, idempotency).handle(post(VALID));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsKey("Retry-After").containsKey("X-Correlation-Id");
        }

        @Test
        void aBugIsAnInternalErrorWithoutDetails() {
            HttpResponse response = api(failingStore(new IllegalStateException("secret detail")), idempotency)
                    .handle(post(VALID));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("secret");
        }

        private EventStore failingStore(RuntimeException failure) {
            return new EventStore() {
                public io.eventflow.store.AppendResult append(String s, long v, List<EventEnvelope> d) {
                    throw failure;
                }

                public List<EventEnvelope> readStream(String s, long f) {
                    throw failure;
                }

                public long currentVersion(String s) {
                    throw failure;
                }

                public io.eventflow.store.EventPage readByType(
                        String t, Instant f, Instant to, Optional<String> p, int l) {
                    throw failure;
                }
            };
        }
    }
}
