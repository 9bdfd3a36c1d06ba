package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventSchemas;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.store.InMemoryEventStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler on the sample events of events/order-api, with in-memory twins. */
class OrderApiHandlerTest {
    private static final String DIR = "../../events/order-api/";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryOrderViews views = new InMemoryOrderViews();
    private final OrderApiHandler handler =
            new OrderApiHandler(new OrderApi(store, new InMemoryIdempotencyStore(), views, InMemoryCatalog.sample()));

    private static APIGatewayV2HTTPEvent load(String file) {
        return EventLoader.loadApiGatewayHttpEvent(DIR + file);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        return EventJson.parse(response.getBody());
    }

    private List<EventEnvelope> stream(JsonNode accepted) {
        return store.readStream("Order-" + accepted.get("orderId").asText(), 1);
    }

    @Test
    void postOrderPlacesTheOrder() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("post-order.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("X-Correlation-Id", "corr-3f0c6a52-docs");
        JsonNode accepted = body(response);
        assertThat(response.getHeaders().get("Location"))
                .isEqualTo("/orders/" + accepted.get("orderId").asText());
        List<EventEnvelope> events = stream(accepted);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).correlationId()).isEqualTo("corr-3f0c6a52-docs");
        assertThat(events.get(0).data().get("totalCents").asLong()).isEqualTo(7499);
        assertThat(EventSchemas.validate(EventCodec.toJson(events.get(0)))).isEmpty();
    }

    @Test
    void theSampleIdempotencyKeyMakesARetrySafe() {
        JsonNode first = body(handler.handleRequest(load("post-order.json"), null));
        APIGatewayV2HTTPResponse retry = handler.handleRequest(load("post-order.json"), null);

        assertThat(retry.getStatusCode()).isEqualTo(202);
        assertThat(body(retry)).isEqualTo(first);
        assertThat(stream(first)).hasSize(1);
    }

    @Test
    void base64BodiesAreDecoded() {
        APIGatewayV2HTTPEvent event = load("post-order-base64.json");
        assertThat(event.getIsBase64Encoded()).isTrue();

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(stream(body(response)).get(0).data().get("customerId").asText())
                .isEqualTo("CUST-42");
    }

    @Test
    void invalidBase64IsABadRequest() {
        APIGatewayV2HTTPEvent event = load("post-order-base64.json");
        event.setBody("not*base64!");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("error").asText()).contains("base64");
    }

    @Test
    void invalidPostListsTheViolationsAndWritesNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("post-order-invalid.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode body = body(response);
        assertThat(body.get("error").asText()).isEqualTo("validation failed");
        assertThat(body.get("violations").findValuesAsText("path"))
                .contains(
                        "$.coupon",
                        "$.customerId",
                        "$.customerEmail",
                        "$.currency",
                        "$.items[0].sku",
                        "$.items[0].quantity",
                        "$.items[0].unitPriceCents");
        assertThat(store.readByType(
                                "OrderPlaced",
                                java.time.Instant.EPOCH,
                                java.time.Instant.parse("2100-01-01T00:00:00Z"),
                                java.util.Optional.empty(),
                                10)
                        .events())
                .isEmpty();
    }

    @Test
    void getOrderAnswersFromTheView() {
        APIGatewayV2HTTPEvent event = load("get-order.json");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(404);

        views.put(OrderViewsContract.placed("ORD-7f3a9c2e51b84d0e"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("orderId").asText()).isEqualTo("ORD-7f3a9c2e51b84d0e");
        assertThat(body.get("status").asText()).isEqualTo("PLACED");
        assertThat(body.get("timeline")).hasSize(1);
        assertThat(response.getHeaders()).containsEntry("X-Correlation-Id", "corr-get-docs");
    }

    @Test
    void theSampleBodiesMatchTheirPurpose() {
        String valid = load("post-order.json").getBody();
        assertThat(OrderRequestSchema.validate(EventJson.parse(valid))).isEmpty();
        String encoded = load("post-order-base64.json").getBody();
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo(valid);
        assertThat(OrderRequestSchema.validate(
                        EventJson.parse(load("post-order-invalid.json").getBody())))
                .hasSizeGreaterThan(5);
    }

    @Test
    void aMethodWithoutARouteIsNotAllowed() {
        APIGatewayV2HTTPEvent event = load("get-order.json");
        event.setRouteKey("$default");
        event.getRequestContext().getHttp().setMethod("PUT");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
    }

    @Test
    void theCallerVerifiedByTheIamAuthorizerOwnsTheOrder() {
        APIGatewayV2HTTPEvent post = load("post-order.json");
        var iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        iam.setUserArn("arn:aws:iam::123456789012:user/alice");
        post.getRequestContext().setAuthorizer(new APIGatewayV2HTTPEvent.RequestContext.Authorizer(null, null, iam));

        List<EventEnvelope> events = stream(body(handler.handleRequest(post, null)));

        assertThat(events.get(0).data().get("placedBy").asText()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(EventSchemas.validate(EventCodec.toJson(events.get(0)))).isEmpty();
    }

    /** The session name is the caller's to choose: naming a session after another's does not open its orders. */
    @Test
    void anAssumedRoleOwnsTheOrderWhateverItsSessionIsCalled() {
        String shop = "arn:aws:sts::123456789012:assumed-role/Shop/";
        String orderId = body(handler.handleRequest(signed(load("post-order.json"), shop + "alice", null), null))
                .get("orderId")
                .asText();
        views.put(OrderViewsContract.placed(orderId));

        assertThat(stream(EventJson.mapper().createObjectNode().put("orderId", orderId))
                        .get(0)
                        .data()
                        .get("placedBy")
                        .asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/Shop");
        assertThat(handler.handleRequest(signed(getOrder(orderId), shop + "bob", null), null)
                        .getStatusCode())
                .as("another session of the role")
                .isEqualTo(200);
        assertThat(handler.handleRequest(
                                signed(getOrder(orderId), "arn:aws:sts::123456789012:assumed-role/Other/alice", null),
                                null)
                        .getStatusCode())
                .as("another role, same session name")
                .isEqualTo(404);
        assertThat(handler.handleRequest(
                                signed(
                                        getOrder(orderId),
                                        shop + "CognitoIdentityCredentials",
                                        "eu-west-1:11111111-2222-3333-4444-555555555555"),
                                null)
                        .getStatusCode())
                .as("a Cognito identity of the role is an owner of its own")
                .isEqualTo(404);
    }

    private APIGatewayV2HTTPEvent getOrder(String orderId) {
        APIGatewayV2HTTPEvent get = load("get-order.json");
        get.setPathParameters(java.util.Map.of("orderId", orderId));
        get.setRawPath("/orders/" + orderId);
        return get;
    }

    private static APIGatewayV2HTTPEvent signed(APIGatewayV2HTTPEvent event, String userArn, String cognitoIdentityId) {
        var iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        iam.setUserArn(userArn);
        if (cognitoIdentityId != null) {
            var cognito = new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
            cognito.setIdentityId(cognitoIdentityId);
            iam.setCognitoIdentity(cognito);
        }
        event.getRequestContext().setAuthorizer(new APIGatewayV2HTTPEvent.RequestContext.Authorizer(null, null, iam));
        return event;
    }
}
