package io.eventflow.priming;

import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventSchemas;
import io.eventflow.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Warms what a function's first invocation would otherwise pay for: the SDK's request path (marshalling, signing,
 * HTTP, response parsing), Jackson's readers and writers, the JSON Schema validators. Under SnapStart
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) it runs in a CRaC {@code beforeCheckpoint} hook, so the
 * snapshot holds the warmed classes; elsewhere (on-demand Lambda, the local runtime, the bench) it runs in init.
 *
 * <p>Nothing unique per environment ends up in the snapshot: priming requests are signed with fixed dummy
 * credentials (AWS answers them with an authentication error, which is all a priming call needs; the real
 * credentials are resolved per request after restore) and sent with {@code Connection: close} (no pooled socket to
 * a peer of the snapshot's environment); no id, random seed or clock reading is taken here. A priming failure is
 * logged and never fails init.
 */
public final class Priming {
    private static final JsonLog LOG = JsonLog.of("priming");
    /** CRaC keeps hooks through weak references: strong ones here, for the life of the container. */
    private static final List<Resource> HOOKS = new ArrayList<>();

    static final StaticCredentialsProvider NOBODY = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming-only-no-access-priming-only-no00"));

    private Priming() {}

    /** Runs {@code prime} before the SnapStart checkpoint, or now (in init) when this is no SnapStart init. */
    public static synchronized void register(String function, Runnable prime) {
        if ("snap-start"
                .equals(io.eventflow.aws.Environment.get("AWS_LAMBDA_INITIALIZATION_TYPE")
                        .orElse(null))) {
            Resource hook = new Resource() {
                @Override
                public void beforeCheckpoint(Context<? extends Resource> context) {
                    run(function, prime);
                }

                @Override
                public void afterRestore(Context<? extends Resource> context) {
                    // nothing to reopen: priming kept no connection and no credentials
                }
            };
            HOOKS.add(hook);
            Core.getGlobalContext().register(hook);
        } else {
            run(function, prime);
        }
    }

    private static void run(String function, Runnable prime) {
        long start = System.nanoTime();
        try {
            prime.run();
            LOG.info("primed", "function", function, "ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first invocation pays for it", e, "function", function);
        }
    }

    /** Request settings of a priming call: dummy credentials, no kept-alive connection. */
    public static AwsRequestOverrideConfiguration request() {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(NOBODY)
                .putHeader("Connection", "close")
                .build();
    }

    /**
     * The event store's three request shapes on a stream no order has (sequence 0 of {@code priming#none}): a GetItem,
     * a Query, and a TransactWriteItems whose only item is a ConditionCheck that fails (it writes nothing).
     */
    public static void eventStore() {
        String table = AwsClients.env("EVENT_STORE_TABLE");
        Map<String, AttributeValue> key =
                Map.of("streamId", AttributeValue.fromS("priming#none"), "sequence", AttributeValue.fromN("0"));
        call(() -> AwsClients.dynamo()
                .getItem(b -> b.tableName(table).consistentRead(true).key(key).overrideConfiguration(request())));
        call(() -> AwsClients.dynamo()
                .query(b -> b.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("streamId = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("priming#none")))
                        .overrideConfiguration(request())));
        call(() -> AwsClients.dynamo()
                .transactWriteItems(b -> b.transactItems(t -> t.conditionCheck(
                                c -> c.tableName(table).key(key).conditionExpression("attribute_exists(streamId)")))
                        .overrideConfiguration(request())));
    }

    /**
     * The function's own handler, built over {@link PrimingAws} (reads from its seed, every write refused) and ports
     * that refuse, given a sample event: the first invocation's path (the batch loop, parsing, verification, the fold
     * and the decision, the write's request) runs now, and ends at the first write, which is refused, so the handler
     * reports a failed message (or a handler invoked by hand throws) the way it would for a denied write. Its log lines
     * and metrics are built and dropped: a cold start reports no failure and counts nothing.
     */
    public static <I, O> void invoke(com.amazonaws.services.lambda.runtime.RequestHandler<I, O> handler, I event) {
        JsonLog.discarding(() -> {
            try {
                handler.handleRequest(event, PrimingContext.INSTANCE);
            } catch (RuntimeException refused) {
                // the end a refused write gives a handler that reports failures by throwing
            }
        });
    }

    /** Any other call through the full request path; an error answer is expected and fine. */
    public static void call(Runnable request) {
        try {
            request.run();
        } catch (SdkException expected) {
            // warmed all the same
        }
    }

    /** Jackson and the schema validators on an envelope of each type the function receives. */
    public static void eventJson(String... eventTypes) {
        for (String type : eventTypes) {
            var node = EventJson.parseObject(
                    "{\"eventId\":\"00000000-0000-4000-8000-000000000000\",\"eventType\":\"" + type
                            + "\",\"eventVersion\":1,\"streamId\":\"Order-ORD-PRIMING\",\"sequence\":1,"
                            + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"source\":\"eventflow.priming\",\"data\":{}}");
            EventSchemas.validate(node);
            EventJson.write(node);
        }
    }
}
