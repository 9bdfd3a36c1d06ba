package io.eventflow.runtime.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.Publish;
import io.eventflow.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * The running `up`'s control port (127.0.0.1, a free port, a random token; both in runtime.json): `invoke` and
 * `--given` of another process run here, on the warm function instances, instead of a cold JVM of their own.
 * POST /invoke/{FunctionId} (body: the event) and POST /publish (body: envelopes); header x-eventflow-token.
 */
final class ControlServer implements AutoCloseable {
    static final String TOKEN_HEADER = "x-eventflow-token";
    static final long SETTLE_MILLIS = 20_000;

    private final HttpServer server;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final LocalRuntime runtime;
    private final EventStore store;

    ControlServer(LocalRuntime runtime, EventStore store) throws IOException {
        this.runtime = runtime;
        this.store = store;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "eventflow-control");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/invoke/", this::invoke);
        server.createContext("/publish", this::publish);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String token() {
        return token;
    }

    private boolean authorized(HttpExchange x) throws IOException {
        if (!"POST".equals(x.getRequestMethod())
                || !token.equals(x.getRequestHeaders().getFirst(TOKEN_HEADER))) {
            reply(x, 403, "{\"message\":\"POST with the token of .eventflow/runtime.json\"}");
            return false;
        }
        return true;
    }

    private void invoke(HttpExchange x) throws IOException {
        try (x) {
            if (!authorized(x)) {
                return;
            }
            String id = x.getRequestURI().getPath().substring("/invoke/".length());
            FunctionContainer container;
            try {
                container = runtime.container(Names.function(runtime.template(), id));
            } catch (UserError unknown) {
                reply(x, 404, Json.write(java.util.Map.of("message", unknown.getMessage())));
                return;
            }
            if (container == null) {
                reply(
                        x,
                        404,
                        Json.write(java.util.Map.of(
                                "message", "function " + id + " is not running in this `up` (--skip-missing)")));
                return;
            }
            InvocationResult result =
                    container.invoke(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ObjectNode answer = Json.object();
            answer.put("requestId", result.requestId());
            answer.put("durationMs", result.durationMs());
            if (result instanceof InvocationResult.Success s) {
                answer.put("ok", true);
                answer.put("payload", s.payload());
            } else {
                answer.put("ok", false);
                answer.put("payload", ((InvocationResult.Failure) result).errorJson());
            }
            reply(x, 200, Json.write(answer));
        }
    }

    private void publish(HttpExchange x) throws IOException {
        try (x) {
            if (!authorized(x)) {
                return;
            }
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            try {
                int appended = Publish.run(
                        store,
                        new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        new PrintStream(lines, true, StandardCharsets.UTF_8));
                // What was appended flows through the running topology; the invoke that follows must not race it
                // (the same event in two handlers at once is an idempotency conflict): wait, bounded, until it settles.
                boolean settled = appended == 0 || runtime.awaitQuiescence(SETTLE_MILLIS);
                reply(
                        x,
                        200,
                        Json.write(java.util.Map.of(
                                "appended",
                                appended,
                                "settled",
                                settled,
                                "lines",
                                lines.toString(StandardCharsets.UTF_8))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(x, 503, "{\"message\":\"stopping\"}");
            } catch (RuntimeException e) {
                reply(x, 400, Json.write(java.util.Map.of("message", String.valueOf(e.getMessage()))));
            }
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("content-type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
