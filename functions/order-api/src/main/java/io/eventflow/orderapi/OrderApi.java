package io.eventflow.orderapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.events.MalformedEventException;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.RetryableException;
import io.eventflow.events.Violation;
import io.eventflow.idempotency.IdempotencyInProgressException;
import io.eventflow.idempotency.IdempotencyKeyMismatchException;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.notification.SmsCountries;
import io.eventflow.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The HTTP API of orders: {@code POST /orders} places an order (appends OrderPlaced), {@code GET
 * /orders/{orderId}} reads the projected view. Checks run cheapest first and bad input writes nothing:
 * route (404/405), size (413), media type (415), JSON (400), schema (422), SMS country of customerPhone (422,
 * {@link SmsCountries}), catalog prices (422, see
 * {@link Pricing}), then the append, made repeatable with an {@code Idempotency-Key}.
 */
public final class OrderApi {
    static final String CONSUMER = "order-api";
    static final int MAX_BODY_BYTES = 32 * 1024;
    static final String RETRY_AFTER_SECONDS = "1";
    private static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    /** Idempotency keys and correlation ids: 1-128 visible ASCII characters. */
    private static final Pattern TOKEN = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final OrderPlacement placement;
    private final EventStore store;
    private final IdempotencyStore idempotency;
    private final OrderViews views;
    private final Catalog catalog;
    private final SmsCountries smsCountries;

    /** @param smsCountries where SMS may go: a customerPhone elsewhere is refused (422) rather than never texted */
    public OrderApi(
            EventStore store,
            IdempotencyStore idempotency,
            OrderViews views,
            Catalog catalog,
            SmsCountries smsCountries,
            Clock clock,
            Supplier<String> newOrderId) {
        this.placement = new OrderPlacement(store, clock, newOrderId);
        this.store = store;
        this.idempotency = idempotency;
        this.views = views;
        this.catalog = catalog;
        this.smsCountries = smsCountries;
    }

    /** SMS to any country (tests of other behaviour). */
    public OrderApi(
            EventStore store,
            IdempotencyStore idempotency,
            OrderViews views,
            Catalog catalog,
            Clock clock,
            Supplier<String> newOrderId) {
        this(store, idempotency, views, catalog, SmsCountries.any(), clock, newOrderId);
    }

    public OrderApi(
            EventStore store,
            IdempotencyStore idempotency,
            OrderViews views,
            Catalog catalog,
            SmsCountries smsCountries) {
        this(store, idempotency, views, catalog, smsCountries, Clock.systemUTC(), OrderPlacement::randomOrderId);
    }

    /** SMS to any country (tests of other behaviour). */
    public OrderApi(EventStore store, IdempotencyStore idempotency, OrderViews views, Catalog catalog) {
        this(store, idempotency, views, catalog, SmsCountries.any());
    }

    public HttpResponse handle(HttpRequest request) {
        String correlationId = request.header("X-Correlation-Id");
        if (correlationId != null && !TOKEN.matcher(correlationId).matches()) {
            return HttpResponse.error(400, "X-Correlation-Id must be 1-128 visible ASCII characters");
        }
        String correlation = correlationId != null ? correlationId : Ids.random();
        LogContext.set(correlation, null, null);
        try {
            return route(request, correlation).withHeader("X-Correlation-Id", correlation);
        } catch (RetryableException e) {
            LOG.warn("request failed; the client may retry", e);
            return HttpResponse.error(503, "temporarily unavailable, retry later")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS)
                    .withHeader("X-Correlation-Id", correlation);
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return HttpResponse.error(500, "internal error").withHeader("X-Correlation-Id", correlation);
        } finally {
            LogContext.clear();
        }
    }

    private HttpResponse route(HttpRequest r, String correlationId) {
        if ("POST /orders".equals(r.routeKey())) {
            return placeOrder(r, correlationId);
        }
        if ("GET /orders/{orderId}".equals(r.routeKey())) {
            return getOrder(r.pathParameters().get("orderId"), r.caller());
        }
        String method = r.method() == null ? "" : r.method().toUpperCase(Locale.ROOT);
        String path = r.path() == null ? "" : r.path().replaceAll("/+$", "");
        if (path.equals("/orders")) {
            return method.equals("POST") ? placeOrder(r, correlationId) : methodNotAllowed("POST");
        }
        if (path.startsWith("/orders/") && path.indexOf('/', "/orders/".length()) < 0) {
            String orderId = r.pathParameters().getOrDefault("orderId", path.substring("/orders/".length()));
            return method.equals("GET") ? getOrder(orderId, r.caller()) : methodNotAllowed("GET");
        }
        return HttpResponse.error(404, "no such resource");
    }

    private static HttpResponse methodNotAllowed(String allowed) {
        return HttpResponse.error(405, "method not allowed; use " + allowed).withHeader("Allow", allowed);
    }

    private HttpResponse placeOrder(HttpRequest r, String correlationId) {
        byte[] body = r.body();
        if (body.length > MAX_BODY_BYTES) {
            return rejected(413, "request body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        if (!JsonBody.isJson(r.header("Content-Type"))) {
            return rejected(415, "Content-Type must be application/json (charset, if given, utf-8)");
        }
        JsonNode json;
        try {
            json = JsonBody.parse(body);
        } catch (MalformedEventException e) {
            // Not logged verbatim: the parser's message may quote a fragment of the body (customer data).
            LOG.info("request rejected", "status", 400, "reason", "malformed JSON body");
            return HttpResponse.error(400, e.getMessage());
        }
        List<Violation> violations = OrderRequestSchema.validate(json);
        if (!violations.isEmpty()) {
            LOG.info("request rejected", "status", 422, "violations", violations.size());
            return validationFailed(violations);
        }
        PlaceOrderRequest request = EventJson.convert(json, PlaceOrderRequest.class);
        if (request.customerPhone() != null && !smsCountries.allows(request.customerPhone())) {
            // Refused here, where the customer can correct it: stored, the number would only ever be skipped.
            LOG.info("request rejected", "status", 422, "reason", "sms country");
            return validationFailed(List.of(new Violation(
                    "$.customerPhone", smsCountries.refusal() + "; give a number there or leave customerPhone out")));
        }
        // Priced before anything is written: one BatchGetItem for the order's SKUs.
        Pricing.Result pricing = Pricing.price(request, catalog.prices(Pricing.skus(request)));
        if (!(pricing instanceof Pricing.Priced priced)) {
            List<Violation> refused = ((Pricing.Refused) pricing).violations();
            LOG.info("request rejected", "status", 422, "reason", "catalog", "violations", refused.size());
            return validationFailed(refused);
        }
        String key = r.header("Idempotency-Key");
        if (key == null) {
            return accepted(placedBody(place(request, priced, correlationId, r.caller())), false);
        }
        if (!TOKEN.matcher(key).matches()) {
            return rejected(400, "Idempotency-Key must be 1-128 visible ASCII characters");
        }
        try {
            String bodyHash = JsonBody.sha256(body);
            // Keys are the caller's own: another principal's identical key places its own order.
            String scopedKey = r.caller() == null
                    ? key
                    : JsonBody.sha256(r.caller().getBytes(StandardCharsets.UTF_8))
                                    .substring(0, 16) + ":" + key;
            // The key's record commits with the OrderPlaced event (one transaction); ids derive from key and body.
            IdempotencyStore.Outcome outcome = idempotency.processWithAppend(
                    CONSUMER,
                    scopedKey,
                    bodyHash,
                    receipt -> EventJson.write(placedBody(logged(
                            placement.placeOnce(
                                    request,
                                    priced,
                                    correlationId,
                                    r.caller(),
                                    scopedKey,
                                    bodyHash,
                                    receipt,
                                    p -> EventJson.write(placedBody(p))),
                            priced,
                            correlationId))));
            if (!outcome.firstRun()) {
                LOG.info("idempotent replay", "idempotencyKey", key);
            }
            return accepted(EventJson.parseObject(outcome.result()), !outcome.firstRun());
        } catch (IdempotencyKeyMismatchException e) {
            return rejected(409, "Idempotency-Key was already used with a different request body");
        } catch (IdempotencyInProgressException e) {
            return rejected(409, "a request with this Idempotency-Key is still in progress; retry later")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    private OrderPlacement.Placed place(
            PlaceOrderRequest request, Pricing.Priced priced, String correlationId, String caller) {
        return logged(placement.place(request, priced, correlationId, caller), priced, correlationId);
    }

    private OrderPlacement.Placed logged(OrderPlacement.Placed placed, Pricing.Priced priced, String correlationId) {
        LogContext.set(correlationId, placed.eventId(), "OrderPlaced");
        LOG.info(
                "order placed",
                "orderId",
                placed.orderId(),
                "items",
                priced.items().size(),
                "totalCents",
                priced.totalCents(),
                "currency",
                priced.currency());
        return placed;
    }

    private static ObjectNode placedBody(OrderPlacement.Placed placed) {
        return EventJson.mapper()
                .createObjectNode()
                .put("orderId", placed.orderId())
                .put("eventId", placed.eventId())
                .put("status", "PLACED");
    }

    private static HttpResponse accepted(JsonNode body, boolean replayed) {
        HttpResponse response = HttpResponse.json(202, body)
                .withHeader("Location", "/orders/" + body.path("orderId").asText());
        return replayed ? response.withHeader("Idempotent-Replayed", "true") : response;
    }

    private static HttpResponse rejected(int status, String message) {
        LOG.info("request rejected", "status", status, "reason", message);
        return HttpResponse.error(status, message);
    }

    private static HttpResponse validationFailed(List<Violation> violations) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("error", "validation failed");
        ArrayNode list = body.putArray("violations");
        violations.forEach(v -> list.addObject().put("path", v.path()).put("message", v.message()));
        return HttpResponse.json(422, body);
    }

    /**
     * An order is shown to its owner only; anyone else gets the same 404 as for an unknown id, so ids of other
     * callers' orders leak nothing. A verified caller (ApiAuth=IAM) owns only what it placed: an order without an
     * owner (placed while the API was open) is no one's and not shown to any caller. Without a verified caller
     * (ApiAuth=NONE) only orders without an owner are shown.
     */
    private HttpResponse getOrder(String orderId, String caller) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            return HttpResponse.error(404, "order not found");
        }
        return views.find(orderId)
                .filter(d -> visibleTo(orderId, caller))
                .map(d -> HttpResponse.json(200, detailsBody(d)))
                .orElseGet(() -> HttpResponse.error(404, "order not found"));
    }

    /** The owner is in the stream's OrderPlaced (the view is a projection of public order state). */
    private boolean visibleTo(String orderId, String caller) {
        List<EventEnvelope> first = store.readStream(DomainEvent.streamOf(orderId), 1);
        String owner = first.isEmpty() || !(EventCodec.decode(first.get(0)) instanceof OrderPlaced placed)
                ? null
                : Owner.of(placed.placedBy());
        return Objects.equals(owner, caller);
    }

    /** Every field is present (null when not reached yet), so clients see one fixed shape. */
    private static ObjectNode detailsBody(OrderDetails d) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("orderId", d.orderId());
        body.put("status", d.status());
        body.set("items", EventJson.mapper().valueToTree(d.items()));
        body.put("currency", d.currency());
        body.put("totalCents", d.totalCents());
        body.put("paymentId", d.paymentId());
        body.put("trackingId", d.trackingId());
        body.put("cancelReason", d.cancelReason());
        body.put("version", d.version());
        body.set("timeline", EventJson.mapper().valueToTree(d.timeline()));
        return body;
    }
}
