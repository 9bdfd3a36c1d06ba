package io.eventflow.runtime.testfns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** Test handler: echoes what the payload v2 event carried. */
public class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent e, Context context) {
        if ("boom".equals(e.getBody())) {
            throw new IllegalStateException("boom");
        }
        String body = "{\"routeKey\":\"" + e.getRouteKey() + "\",\"itemId\":\""
                + (e.getPathParameters() == null ? "" : e.getPathParameters().get("itemId"))
                + "\",\"contentType\":\"" + e.getHeaders().get("content-type") + "\",\"base64\":"
                + e.getIsBase64Encoded()
                + ",\"body\":\"" + (e.getBody() == null ? "" : e.getBody().replace("\"", "'")) + "\",\"fn\":\""
                + context.getFunctionName() + "\",\"caller\":\"" + caller(e) + "\",\"userId\":\"" + userId(e)
                + "\",\"callerHeader\":\""
                + e.getHeaders().getOrDefault("x-eventflow-caller", "") + "\"}";
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/json", "x-test", "yes"))
                .withBody(body)
                .build();
    }

    private static String userId(APIGatewayV2HTTPEvent e) {
        var rc = e.getRequestContext();
        return rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getIam() == null
                ? ""
                : rc.getAuthorizer().getIam().getUserId();
    }

    private static String caller(APIGatewayV2HTTPEvent e) {
        var rc = e.getRequestContext();
        return rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getIam() == null
                ? ""
                : rc.getAuthorizer().getIam().getUserArn();
    }
}
