package io.eventflow.orderapi;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request as the API sees it, independent of the Lambda event type.
 *
 * @param routeKey the API Gateway route ("POST /orders"), or null when unknown
 * @param headers  header names in lower case (HTTP API delivers them so; we normalise anyway)
 * @param body     the body bytes, base64 already decoded; empty when there is none
 * @param caller   the {@link Owner} of the IAM principal API Gateway verified, null on an open API
 */
public record HttpRequest(
        String method,
        String path,
        String routeKey,
        Map<String, String> headers,
        Map<String, String> pathParameters,
        byte[] body,
        String caller) {

    /** A request without a verified caller (ApiAuth=NONE). */
    public HttpRequest(
            String method,
            String path,
            String routeKey,
            Map<String, String> headers,
            Map<String, String> pathParameters,
            byte[] body) {
        this(method, path, routeKey, headers, pathParameters, body, null);
    }

    public HttpRequest {
        headers = headers == null
                ? Map.of()
                : headers.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(
                                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a + "," + b));
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        body = body == null ? new byte[0] : body;
        caller = caller == null || caller.isBlank() ? null : caller;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
