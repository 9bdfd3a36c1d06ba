package io.eventflow.testkit;

import io.eventflow.runtime.trace.OrderTrace;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A running topology a {@link Flow} drives: the local runtime in this JVM ({@link InProcessTopology}), or one that
 * runs elsewhere, a running {@code up} or a deployed stack ({@link RemoteTopology}). What a kind cannot do, it
 * refuses with the reason.
 */
public interface Topology extends AutoCloseable {
    /** One line: the target, the engine or stack, the API. */
    String describe();

    Resources resources();

    /** Clients straight to the engine or the account (never through the fault proxy): what assertions read. */
    DynamoDbClient dynamo();

    SqsClient sqs();

    /** An HTTP request to the API (signed where the target needs it). */
    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers);

    /** Emails handed to SES for this recipient (in-process: accepted by the engine, repeats included). */
    int emailsSent(PlacedOrder order);

    /** SMS handed to SNS for this phone number (in-process: accepted by the engine, repeats included). */
    int smsSent(PlacedOrder order);

    Faults faults();

    /** The order's timeline ({@code ./eventflow trace}), where the target records deliveries. */
    Optional<OrderTrace> trace(String orderId);

    /** The function's log lines (JSON), where the target collects them; in-process only. */
    List<String> functionLog();

    /** Invokes a function of the template with a payload; its response. In-process only. */
    String invoke(String functionLogicalId, String payload);

    /** Waits until nothing is in flight and every non-DLQ queue is empty; in-process only. */
    boolean awaitQuiet(Duration timeout);

    /** After each test: its faults off. */
    default void afterTest() {}

    @Override
    void close();
}
