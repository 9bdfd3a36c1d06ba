package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventflow.emulator.template.Model.HttpRoute;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HttpApi routes of template.yaml on http://127.0.0.1:port: each request becomes an API Gateway HTTP API
 * payload v2 event (headers lower-cased, repeated ones comma-joined; body base64 when binary; pathParameters
 * from {name} and {name+}); the function's answer is mapped back like API Gateway does (a response object with
 * statusCode, or any other JSON as a 200 application/json body; a function error is a 500).
 *
 * <p>Routes with the AWS_IAM authorizer: there is no SigV4 check locally. The caller's principal comes from the
 * {@value #CALLER_HEADER} header (an IAM or STS ARN; absent = {@link #localCaller(String)} in the endpoint's account) and is delivered as
 * {@code requestContext.authorizer.iam}, like API Gateway does for a verified caller; the header itself is not
 * forwarded. A value that is not such an ARN is refused with 403, as API Gateway refuses an unsigned request.
 */
public final class HttpApiServer implements AutoCloseable {
    /** Who calls, on routes with the AWS_IAM authorizer (local stand-in for the SigV4 signature). */
    public static final String CALLER_HEADER = "X-Eventflow-Caller";
    /** The caller of a request that names none: a user of the account the endpoint reports. */
    public static String localCaller(String accountId) {
        return "arn:aws:iam::" + accountId + ":user/eventflow-local";
    }

    private static final java.util.regex.Pattern PRINCIPAL =
            java.util.regex.Pattern.compile("^arn:aws:(iam|sts)::(\\d{12}):[\\x21-\\x7E]{1,1024}$");
    private static final java.util.regex.Pattern ASSUMED_ROLE =
            java.util.regex.Pattern.compile("^arn:[^:]+:sts::\\d{12}:assumed-role/[^/]+/([^/]+)$");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public record Binding(HttpRoute route, FunctionContainer function) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Binding> bindings;
    private final Activity activity;
    private final String accountId;

    /** @param accountId the account the endpoint reports (requestContext.accountId of every request) */
    public HttpApiServer(int port, List<Binding> bindings, Activity activity, PrintStream log, String accountId)
            throws IOException {
        this.accountId = accountId;
        this.bindings = new ArrayList<>(bindings);
        this.bindings.sort(
                Comparator.comparingInt((Binding b) -> specificity(b.route())).reversed());
        this.activity = activity;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    /** Serves {@code path} (a prefix, e.g. /_console/) with {@code handler} instead of the API routes. */
    public void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static int specificity(HttpRoute r) {
        if (r.path().equals("$default")) {
            return -1000;
        }
        int score = 0;
        for (String seg : r.path().split("/")) {
            score += seg.endsWith("+}") ? 0 : seg.startsWith("{") ? 10 : 100;
        }
        return score * 2 + (r.method().equals("ANY") ? 0 : 1);
    }

    /** The matching binding and its path parameters, or null. */
    static Map.Entry<Binding, Map<String, String>> match(List<Binding> bindings, String method, String path) {
        for (Binding b : bindings) {
            HttpRoute r = b.route();
            if (!r.method().equals("ANY") && !r.method().equalsIgnoreCase(method)) {
                continue;
            }
            if (r.path().equals("$default")) {
                return Map.entry(b, Map.of());
            }
            Map<String, String> params = matchPath(r.path(), path);
            if (params != null) {
                return Map.entry(b, params);
            }
        }
        return null;
    }

    static Map<String, String> matchPath(String template, String path) {
        String[] t = template.replaceAll("^/", "").split("/", -1);
        String[] p = path.replaceAll("^/", "").split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            String seg = t[i];
            if (seg.startsWith("{") && seg.endsWith("+}")) {
                if (i >= p.length) {
                    return null;
                }
                params.put(
                        seg.substring(1, seg.length() - 2),
                        String.join("/", List.of(p).subList(i, p.length)));
                return params;
            }
            if (i >= p.length) {
                return null;
            }
            if (seg.startsWith("{") && seg.endsWith("}")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(seg.substring(1, seg.length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            } else if (!seg.equals(p[i])) {
                return null;
            }
        }
        return t.length == p.length ? params : null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            var matched = match(bindings, method, URLDecoder.decode(rawPath, StandardCharsets.UTF_8));
            if (matched == null) {
                send(
                        exchange,
                        404,
                        Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Binding b = matched.getKey();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String caller = exchange.getRequestHeaders().getFirst(CALLER_HEADER);
            if (b.route().iamAuth()
                    && caller != null
                    && !PRINCIPAL.matcher(caller).matches()) {
                send(
                        exchange,
                        403,
                        Map.of("content-type", "application/json"),
                        "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String event = event(exchange, b.route(), matched.getValue(), body);
            activity.begin(b.function().function().logicalId());
            InvocationResult result = null;
            String outcome = "?";
            String orderId = matched.getValue().get("orderId");
            int status = 500;
            try {
                result = b.function().invoke(event);
                if (result instanceof InvocationResult.Success s) {
                    status = respond(exchange, s.payload());
                    outcome = (status < 400 ? "ok " : status < 500 ? "rejected " : "error ") + status;
                    orderId = orderIdOf(matched.getValue(), s.payload());
                } else {
                    InvocationResult.Failure f = (InvocationResult.Failure) result;
                    status = f.timedOut() ? 503 : 500;
                    send(
                            exchange,
                            status,
                            Map.of("content-type", "application/json"),
                            (f.timedOut()
                                            ? "{\"message\":\"Service Unavailable\"}"
                                            : "{\"message\":\"Internal Server Error\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                    outcome = "error " + f.errorType() + " -> " + status;
                }
            } finally {
                activity.end(new Activity.Hop(
                        Instant.now(),
                        b.function().function().logicalId(),
                        "HttpApi",
                        List.of(method + " " + rawPath),
                        List.of(),
                        outcome,
                        result == null ? 0 : result.durationMs(),
                        -1,
                        result,
                        List.of(),
                        List.of(new Activity.Item(null, null, method + " " + rawPath, orderId, null, false, 0))));
            }
        }
    }

    /** The order a request was about: its {orderId} path parameter, else the orderId of the JSON answer. */
    private static String orderIdOf(Map<String, String> pathParameters, String payload) {
        if (pathParameters.get("orderId") != null) {
            return pathParameters.get("orderId");
        }
        try {
            JsonNode response = Json.parse(payload);
            JsonNode body = response.path("body").isTextual()
                    ? Json.parse(response.get("body").asText())
                    : response;
            return body.hasNonNull("orderId") ? body.get("orderId").asText() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The payload v2 event (what API Gateway HTTP APIs send to Lambda). */
    String event(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, byte[] body) {
        ObjectNode e = Json.object();
        e.put("version", "2.0");
        e.put("routeKey", route.routeKey());
        e.put("rawPath", exchange.getRequestURI().getRawPath());
        String query = exchange.getRequestURI().getRawQuery();
        e.put("rawQueryString", query == null ? "" : query);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (route.iamAuth() && k.equalsIgnoreCase(CALLER_HEADER)) {
                return; // stands for the signature: the function sees the verified principal only
            }
            if (k.equalsIgnoreCase("cookie")) {
                v.forEach(c -> List.of(c.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        headers.forEach(e.putObject("headers")::put);
        if (query != null && !query.isEmpty()) {
            Map<String, String> qs = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                qs.merge(k, v, (a, c) -> a + "," + c);
            }
            qs.forEach(e.putObject("queryStringParameters")::put);
        }
        Instant now = Instant.now();
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", accountId);
        rc.put("apiId", "local");
        String host = headers.getOrDefault("host", "127.0.0.1");
        rc.put("domainName", host);
        rc.put("domainPrefix", host.split("\\.")[0]);
        ObjectNode http = rc.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        rc.put("requestId", UUID.randomUUID().toString());
        rc.put("routeKey", route.routeKey());
        rc.put("stage", "$default");
        rc.put("time", CLF.format(now));
        rc.put("timeEpoch", now.toEpochMilli());
        if (route.iamAuth()) {
            String caller = exchange.getRequestHeaders().getFirst(CALLER_HEADER);
            String principal = caller == null ? localCaller(accountId) : caller;
            java.util.regex.Matcher m = PRINCIPAL.matcher(principal);
            ObjectNode iam = rc.putObject("authorizer").putObject("iam");
            iam.put("accessKey", "ASIALOCALCALLER00000");
            iam.put("accountId", m.matches() ? m.group(2) : accountId);
            // As AWS shapes them: an assumed role's ids are the role's unique id and the session name
            // (AROA...:session), any other principal's its own unique id.
            java.util.regex.Matcher role = ASSUMED_ROLE.matcher(principal);
            String uniqueId = role.matches() ? "AROALOCALCALLER00000:" + role.group(1) : "AIDALOCALCALLER00000";
            iam.put("callerId", uniqueId);
            iam.putNull("cognitoIdentity");
            iam.putNull("principalOrgId");
            iam.put("userArn", principal);
            iam.put("userId", uniqueId);
        }
        if (body.length > 0) {
            String text = isText(headers.get("content-type"), body);
            e.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", text == null);
        } else {
            e.put("isBase64Encoded", false);
        }
        if (!pathParameters.isEmpty()) {
            pathParameters.forEach(e.putObject("pathParameters")::put);
        }
        return Json.write(e);
    }

    /** The body as text when its content type is textual (and it is valid UTF-8), else null (binary). */
    private static String isText(String contentType, byte[] body) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = ct.isEmpty()
                || ct.startsWith("text/")
                || ct.contains("json")
                || ct.contains("xml")
                || ct.contains("javascript")
                || ct.contains("x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int respond(HttpExchange exchange, String payload) throws IOException {
        JsonNode r;
        try {
            r = Json.parse(payload);
        } catch (IllegalArgumentException e) {
            send(
                    exchange,
                    500,
                    Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            return 500;
        }
        if (r == null || !r.isObject() || !r.has("statusCode")) {
            send(exchange, 200, Map.of("content-type", "application/json"), payload.getBytes(StandardCharsets.UTF_8));
            return 200;
        }
        int status = r.get("statusCode").asInt(500);
        Map<String, String> headers = new LinkedHashMap<>();
        r.path("headers")
                .properties()
                .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        r.path("multiValueHeaders").properties().forEach(h -> {
            List<String> vs = new ArrayList<>();
            h.getValue().forEach(v -> vs.add(v.asText()));
            headers.put(h.getKey(), String.join(",", vs));
        });
        for (JsonNode c : r.path("cookies")) {
            exchange.getResponseHeaders().add("set-cookie", c.asText());
        }
        String body = r.hasNonNull("body") ? r.get("body").asText() : "";
        byte[] bytes = r.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, headers, bytes);
        return status;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
