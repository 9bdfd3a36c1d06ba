package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.store.InMemoryEventStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog of malformed API input: every entry gets a clear 4xx with a JSON error, and the event
 * store and read model stay unchanged. (Queue-side poison messages: SqsBatchPoisonCatalogTest in shared.)
 */
class BadInputCatalogTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final String ITEM = "{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":1250}";

    record Case(String name, String method, String path, String contentType, byte[] body, int status) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    private static Case post(String name, String body, int status) {
        return new Case(name, "POST", "/orders", "application/json", body.getBytes(StandardCharsets.UTF_8), status);
    }

    private static String order(String customer, String currency, String items) {
        return "{\"customerId\":" + customer + ",\"currency\":" + currency + ",\"items\":" + items + "}";
    }

    static Stream<Case> catalog() {
        String big = "x".repeat(33 * 1024);
        return Stream.of(
                post("empty body", "", 400),
                post("not JSON", "hello", 400),
                post("truncated JSON", "{\"customerId\":\"C-1\",", 400),
                post("JSON array", "[1,2,3]", 422),
                post("JSON string", "\"order\"", 422),
                post("JSON null", "null", 422),
                post(
                        "duplicate key",
                        "{\"customerId\":\"C-1\",\"customerId\":\"C-2\",\"currency\":\"EUR\",\"items\":[" + ITEM + "]}",
                        400),
                post("trailing garbage", order("\"C-1\"", "\"EUR\"", "[" + ITEM + "]") + "}}", 400),
                post("missing customerId", "{\"currency\":\"EUR\",\"items\":[" + ITEM + "]}", 422),
                post("missing items", "{\"customerId\":\"C-1\",\"currency\":\"EUR\"}", 422),
                post("empty items", order("\"C-1\"", "\"EUR\"", "[]"), 422),
                post(
                        "extra top-level field",
                        "{\"customerId\":\"C-1\",\"currency\":\"EUR\",\"coupon\":\"FREE\",\"items\":[" + ITEM + "]}",
                        422),
                post(
                        "extra item field",
                        order(
                                "\"C-1\"",
                                "\"EUR\"",
                                "[{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":100,\"discount\":5}]"),
                        422),
                post("customerId is a number", order("42", "\"EUR\"", "[" + ITEM + "]"), 422),
                post(
                        "quantity is a string",
                        order(
                                "\"C-1\"",
                                "\"EUR\"",
                                "[{\"sku\":\"SKU-001\",\"quantity\":\"2\",\"unitPriceCents\":100}]"),
                        422),
                post(
                        "quantity is fractional",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":1.5,\"unitPriceCents\":100}]"),
                        422),
                post(
                        "negative quantity",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":-1,\"unitPriceCents\":100}]"),
                        422),
                post(
                        "zero quantity",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":0,\"unitPriceCents\":100}]"),
                        422),
                post(
                        "huge quantity",
                        order(
                                "\"C-1\"",
                                "\"EUR\"",
                                "[{\"sku\":\"SKU-001\",\"quantity\":99999999999999999999,\"unitPriceCents\":100}]"),
                        422),
                post(
                        "negative price",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":-100}]"),
                        422),
                post(
                        "huge price",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":1e30}]"),
                        422),
                post("currency lowercase", order("\"C-1\"", "\"eur\"", "[" + ITEM + "]"), 422),
                post("currency emoji", order("\"C-1\"", "\"\\uD83D\\uDCB6\"", "[" + ITEM + "]"), 422),
                post(
                        "sku with SQL injection",
                        order(
                                "\"C-1\"",
                                "\"EUR\"",
                                "[{\"sku\":\"X'; DROP TABLE orders;--\",\"quantity\":1,\"unitPriceCents\":100}]"),
                        422),
                post(
                        "customerId with script tag",
                        order("\"<script>alert(1)</script>\"", "\"EUR\"", "[" + ITEM + "]"),
                        422),
                post("customerId with NoSQL operator", order("{\"$ne\":null}", "\"EUR\"", "[" + ITEM + "]"), 422),
                post("customerId with zero-width space", order("\"C\\u200B1\"", "\"EUR\"", "[" + ITEM + "]"), 422),
                post("customerId with RTL override", order("\"C\\u202E1\"", "\"EUR\"", "[" + ITEM + "]"), 422),
                post("lone surrogate", order("\"C-\\uD800\"", "\"EUR\"", "[" + ITEM + "]"), 422),
                post(
                        "email not an email",
                        "{\"customerId\":\"C-1\",\"customerEmail\":\"not-an-email\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "phone not E.164",
                        "{\"customerId\":\"C-1\",\"customerPhone\":\"0800 CALL ME\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post("customerId with trailing newline", order("\"C1\\n\"", "\"EUR\"", "[" + ITEM + "]"), 422),
                post("currency with trailing newline", order("\"C-1\"", "\"EUR\\n\"", "[" + ITEM + "]"), 422),
                post(
                        "sku with trailing newline",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\\n\",\"quantity\":1}]"),
                        422),
                post(
                        "phone with trailing newline",
                        "{\"customerId\":\"C-1\",\"customerPhone\":\"+15550100042\\n\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "phone with spaces (not E.164)",
                        "{\"customerId\":\"C-1\",\"customerPhone\":\"+1 555 0100 042\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "phone too long for E.164",
                        "{\"customerId\":\"C-1\",\"customerPhone\":\"+1234567890123456\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "email with non-ASCII local part",
                        "{\"customerId\":\"C-1\",\"customerEmail\":\"j\u00f6rg@example.com\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "email with non-ASCII domain",
                        "{\"customerId\":\"C-1\",\"customerEmail\":\"ada@b\u00fccher.example\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "email with trailing newline",
                        "{\"customerId\":\"C-1\",\"customerEmail\":\"ada@example.com\\n\",\"currency\":\"EUR\",\"items\":["
                                + ITEM + "]}",
                        422),
                post(
                        "zero-cent price (catalog says 1250)",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":0}]"),
                        422),
                post(
                        "price below the catalog's",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-001\",\"quantity\":1,\"unitPriceCents\":1249}]"),
                        422),
                post("currency not the catalog's", order("\"C-1\"", "\"USD\"", "[" + ITEM + "]"), 422),
                post(
                        "items in two currencies",
                        order("\"C-1\"", "\"EUR\"", "[" + ITEM + ",{\"sku\":\"SKU-USD\",\"quantity\":1}]"),
                        422),
                post(
                        "sku not in the catalog",
                        order("\"C-1\"", "\"EUR\"", "[{\"sku\":\"SKU-NOPE\",\"quantity\":1}]"),
                        422),
                post(
                        "too many lines",
                        order(
                                "\"C-1\"",
                                "\"EUR\"",
                                "[" + String.join(",", java.util.Collections.nCopies(51, ITEM)) + "]"),
                        422),
                post("deeply nested", "[".repeat(5000) + "]".repeat(5000), 400),
                post("oversized body", "{\"customerId\":\"" + big + "\"}", 413),
                new Case(
                        "wrong content type",
                        "POST",
                        "/orders",
                        "text/plain",
                        order("\"C-1\"", "\"EUR\"", "[" + ITEM + "]").getBytes(StandardCharsets.UTF_8),
                        415),
                new Case(
                        "form content type",
                        "POST",
                        "/orders",
                        "application/x-www-form-urlencoded",
                        "a=b".getBytes(StandardCharsets.UTF_8),
                        415),
                new Case(
                        "invalid UTF-8 bytes",
                        "POST",
                        "/orders",
                        "application/json",
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        400),
                new Case(
                        "unknown route",
                        "POST",
                        "/orderz",
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        404),
                new Case("wrong method", "DELETE", "/orders", "application/json", null, 405));
    }

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryOrderViews views = new InMemoryOrderViews();
    private final OrderApi api = new OrderApi(
            store,
            new InMemoryIdempotencyStore(),
            views,
            InMemoryCatalog.sample().put("SKU-USD", 1000, "USD"),
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> "ORD-1");

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void badInputGetsAClear4xxAndWritesNothing(Case c) {
        Map<String, String> headers = new HashMap<>();
        if (c.contentType() != null) {
            headers.put("content-type", c.contentType());
        }
        String routeKey = c.path().equals("/orders") ? c.method() + " /orders" : "$default";
        HttpResponse response = api.handle(new HttpRequest(c.method(), c.path(), routeKey, headers, null, c.body()));

        assertThat(response.status()).as(c.name()).isEqualTo(c.status());
        assertThat(response.body()).as("a JSON error that says what is wrong").contains("\"error\"");
        assertThat(store.readByType(
                                "OrderPlaced",
                                NOW.minus(Duration.ofDays(1)),
                                NOW.plus(Duration.ofDays(1)),
                                Optional.empty(),
                                10)
                        .events())
                .as("nothing stored")
                .isEmpty();
        assertThat(api.handle(OrderApiTest.get("ORD-1")).status())
                .as("read model unchanged")
                .isEqualTo(404);
    }

    @Test
    void theCatalogHasAtLeastThirtyEntries() {
        assertThat(catalog().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aReusedIdempotencyKeyWithAnotherBodyIsRejected() {
        String body = order("\"C-1\"", "\"EUR\"", "[" + ITEM + "]");
        HttpRequest first = OrderApiTest.post(body, "idempotency-key", "key-1");
        HttpRequest other = OrderApiTest.post(body.replace("C-1", "C-2"), "idempotency-key", "key-1");
        assertThat(api.handle(first).status()).isEqualTo(202);
        HttpResponse reused = api.handle(other);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body()).contains("error");
    }
}
