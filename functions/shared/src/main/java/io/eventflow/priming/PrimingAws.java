package io.eventflow.priming;

import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.RetryableException;
import io.eventflow.idempotency.IdempotencyStore;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import io.eventflow.wiring.Stores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AWS as a priming run sees it: SDK clients whose requests go the whole way through the SDK (marshalling, signing
 * with priming's dummy credentials, the HTTP layer, unmarshalling) to an HTTP client in this process that never opens
 * a connection. DynamoDB reads (GetItem, BatchGetItem, Query) are answered from a seed held here, so a handler finds
 * the stream of its sample event and reaches its fold and decision; every other request, which includes every
 * write, is refused (HTTP 400 {@code AccessDenied}, the error a request without permission gets), so the handler
 * fails at its first write the way it fails on a denied one. A priming run can therefore change nothing, on AWS or
 * locally: nothing it sends leaves the process, and nothing it is refused is kept. Ports outside AWS get a
 * {@link #refusing} stand-in.
 */
public final class PrimingAws {
    /** What a refused request is answered with: the code of a request without permission. */
    public static final String REFUSED_CODE = "AccessDenied";

    /** The reads the seed answers, by class name: comparing names loads no class. */
    private static final Set<String> DYNAMODB_READS = Set.of(
            "software.amazon.awssdk.services.dynamodb.model.GetItemRequest",
            "software.amazon.awssdk.services.dynamodb.model.QueryRequest",
            "software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest");

    private static final String REFUSE_HEADER = "x-eventflow-priming-refused";

    private final Map<String, List<Map<String, AttributeValue>>> tables = new HashMap<>();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> answered = Collections.synchronizedList(new ArrayList<>());

    /** Stored events of the table {@code EVENT_STORE_TABLE} names, as {@link DynamoDbEventStore} keeps them. */
    public PrimingAws events(List<EventEnvelope> stored) {
        String table = AwsClients.env("EVENT_STORE_TABLE");
        stored.forEach(e -> item(table, DynamoDbEventStore.item(e)));
        return this;
    }

    /** The event store of {@code EVENT_STORE_TABLE} over {@link #dynamo}. */
    public EventStore eventStore() {
        return Stores.eventStore(dynamo());
    }

    /** The idempotency store of {@code IDEMPOTENCY_TABLE} over {@link #dynamo}. */
    public IdempotencyStore idempotency() {
        return Stores.idempotency(dynamo(), java.time.Clock.systemUTC());
    }

    /** One more item a read of {@code table} may find. */
    public PrimingAws item(String table, Map<String, AttributeValue> item) {
        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(Map.copyOf(item));
        return this;
    }

    private DynamoDbClient dynamo;

    /** The DynamoDB client over this seed (one per run: building a client is part of what priming costs). */
    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = client(DynamoDbClient.builder());
        }
        return dynamo;
    }

    /** Any service's client, with the project's settings ({@link AwsClients#configure}) but answered here. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return AwsClients.configure(builder)
                .credentialsProvider(Priming.NOBODY)
                .httpClient(new InProcessHttp())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Answers()))
                .build();
    }

    /**
     * A port outside AWS (a payment provider) whose every call is refused, as a failing provider fails ({@link
     * RetryableException}), and recorded as {@code Port.method}.
     */
    public <T> T refusing(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "refusing " + port.getSimpleName();
                };
            }
            refused.add(port.getSimpleName() + "." + method.getName());
            throw new RetryableException("priming: " + method.getName() + " refused, a priming run changes nothing");
        }));
    }

    /** The requests refused so far, as {@code Service.Operation}, in order. */
    public List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** The reads answered from the seed so far, as {@code Service.Operation}, in order. */
    public List<String> answered() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    /** A copy of the seed: what a read finds, which no request of a priming run can change. */
    public Map<String, List<Map<String, AttributeValue>>> seed() {
        Map<String, List<Map<String, AttributeValue>>> copy = new LinkedHashMap<>();
        tables.forEach((t, items) -> copy.put(t, List.copyOf(items)));
        return copy;
    }

    /** Reads answered from the seed; everything else marked for the HTTP client to refuse. */
    private final class Answers implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (read(context.request())) {
                return context.httpRequest();
            }
            refused.add(operation(attributes));
            return context.httpRequest().toBuilder()
                    .putHeader(REFUSE_HEADER, "true")
                    .build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (!read(request)) {
                return context.response();
            }
            answered.add(operation(attributes));
            return new SeedReads(tables).answer(request, context.response());
        }

        private String operation(ExecutionAttributes attributes) {
            return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        }
    }

    /**
     * A DynamoDB read the seed answers. By class name: a function without DynamoDB in its artifact (the relay) must
     * not load, or have the verifier load, any DynamoDB class; {@link SeedReads} holds every use of them.
     */
    private static boolean read(SdkRequest request) {
        return DYNAMODB_READS.contains(request.getClass().getName());
    }

    /**
     * The HTTP layer of every priming client: reads the request as a real client would send it and answers it here. A
     * refused request gets its protocol's error document (JSON for the JSON protocols, XML for the query protocol);
     * an answered read gets an empty document the interceptor replaces with the seed's answer.
     */
    private static final class InProcessHttp implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    request.contentStreamProvider().ifPresent(body -> {
                        try (InputStream in = body.newStream()) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    SdkHttpRequest http = request.httpRequest();
                    boolean xml = http.firstMatchingHeader("Content-Type")
                            .filter(t -> t.startsWith("application/x-www-form-urlencoded"))
                            .isPresent();
                    if (http.firstMatchingHeader(REFUSE_HEADER).isEmpty()) {
                        return response(200, xml ? "application/xml" : "application/x-amz-json-1.0", "{}");
                    }
                    String message = "priming: refused, a priming run changes nothing";
                    return xml
                            ? response(
                                    403,
                                    "text/xml",
                                    "<ErrorResponse><Error><Type>Sender</Type><Code>" + REFUSED_CODE
                                            + "</Code><Message>" + message
                                            + "</Message></Error><RequestId>priming</RequestId></ErrorResponse>")
                            : response(
                                    400,
                                    "application/x-amz-json-1.0",
                                    "{\"__type\":\"" + REFUSED_CODE + "Exception\",\"message\":\"" + message + "\"}");
                }

                @Override
                public void abort() {
                    // answered synchronously; nothing to abort
                }
            };
        }

        private static HttpExecuteResponse response(int status, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder()
                            .statusCode(status)
                            .putHeader("Content-Type", contentType)
                            .putHeader("Content-Length", Integer.toString(bytes.length))
                            .putHeader("x-amzn-RequestId", "priming")
                            .build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                    .build();
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
