package io.eventflow.orderapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.LineItem;
import io.eventflow.notification.SmsCountries;
import io.eventflow.priming.Priming;
import io.eventflow.priming.PrimingAws;
import io.eventflow.priming.PrimingOrder;
import io.eventflow.wiring.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** OrderApiFunction: HttpApi (payload v2) → {@link OrderApi} → HTTP response. */
public final class OrderApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final OrderApi api;

    public OrderApiHandler() {
        this(api(AwsClients.dynamo()));
        Priming.register("OrderApiFunction", () -> {
            Priming.eventStore();
            Priming.eventJson("OrderPlaced");
            primeThroughHandler();
        });
    }

    /**
     * A POST /orders through a second handler over priming's AWS, its SKU priced from the seed: refused at the append
     * of OrderPlaced (answered 503).
     */
    static PrimingAws primeThroughHandler() {
        PrimingAws aws = new PrimingAws();
        LineItem line = PrimingOrder.items().get(0);
        aws.item(
                AwsClients.env("INVENTORY_TABLE"), DynamoDbCatalog.priceItem(line.sku(), line.unitPriceCents(), "EUR"));
        APIGatewayV2HTTPEvent post = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /orders")
                .withRawPath("/orders")
                .withHeaders(java.util.Map.of(
                        "content-type", "application/json",
                        "idempotency-key", "priming-00000000",
                        "x-correlation-id", "priming"))
                .withBody("{\"customerId\":\"CUST-PRIMING\",\"customerEmail\":\"priming@example.com\","
                        + "\"customerPhone\":\"+15550100000\",\"currency\":\"EUR\",\"items\":[{\"sku\":\""
                        + line.sku() + "\",\"quantity\":" + line.quantity() + ",\"unitPriceCents\":"
                        + line.unitPriceCents() + "}]}")
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath("/orders")
                                .build())
                        .build())
                .build();
        Priming.invoke(new OrderApiHandler(api(aws.dynamo())), post);
        return aws;
    }

    private static OrderApi api(DynamoDbClient dynamo) {
        return new OrderApi(
                Stores.eventStore(dynamo),
                Stores.idempotency(dynamo, Clock.systemUTC()),
                new DynamoDbOrderViews(dynamo, AwsClients.env("ORDER_VIEW_TABLE")),
                new DynamoDbCatalog(dynamo, AwsClients.env("INVENTORY_TABLE")),
                SmsCountries.parse(AwsClients.env("SMS_COUNTRY_PREFIXES")));
    }

    public OrderApiHandler(OrderApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpResponse response;
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException notBase64) {
            body = null;
        }
        if (body == null) {
            response = HttpResponse.error(400, "body is flagged base64 but is not valid base64");
        } else {
            response = api.handle(new HttpRequest(
                    method(event),
                    event.getRawPath(),
                    event.getRouteKey(),
                    event.getHeaders(),
                    event.getPathParameters(),
                    body,
                    caller(event)));
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@link Owner} of what API Gateway's AWS_IAM authorizer verified (SigV4); null when the route has no
     * authorizer.
     */
    private static String caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var iam = context == null || context.getAuthorizer() == null
                ? null
                : context.getAuthorizer().getIam();
        if (iam == null) {
            return null;
        }
        var cognito = iam.getCognitoIdentity();
        return Owner.of(iam.getUserArn(), cognito == null ? null : cognito.getIdentityId());
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            return event.getRequestContext().getHttp().getMethod();
        }
        String routeKey = event.getRouteKey();
        return routeKey == null || !routeKey.contains(" ") ? null : routeKey.substring(0, routeKey.indexOf(' '));
    }
}
