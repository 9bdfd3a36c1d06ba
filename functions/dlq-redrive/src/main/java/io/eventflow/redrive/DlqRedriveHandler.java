package io.eventflow.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventflow.aws.AwsClients;
import io.eventflow.events.EventJson;
import io.eventflow.events.RetryableException;
import io.eventflow.priming.Priming;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DlqRedriveFunction, invoked by hand ({@code sam local invoke -e events/dlq-redrive/inspect.json}). Takes and
 * returns plain JSON objects (Map), which the Lambda Java runtime's serializer always reads.
 */
public final class DlqRedriveHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Stop receiving this long before the Lambda timeout, so the report still gets out. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(45);

    private static final class Clients {
        static final SqsClient SQS = AwsClients.configure(SqsClient.builder()).build();
        /** For the one StartMessageMoveTask probe: an endpoint without the action must not cost 3 SDK retries. */
        static final SqsClient SQS_NO_RETRY = AwsClients.configure(SqsClient.builder())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(AwsClients.API_CALL_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(AwsClients.API_CALL_TIMEOUT)
                        .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private final DlqRedrive redrive;

    public DlqRedriveHandler() {
        this(new DlqRedrive(new SqsRedriveQueues(Clients.SQS, Clients.SQS_NO_RETRY), DlqRedriveHandler::sleep));
        Priming.register("DlqRedriveFunction", () -> {
            SqsRedriveQueues.prime(Clients.SQS);
        });
    }

    public DlqRedriveHandler(DlqRedrive redrive) {
        this.redrive = redrive;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        RedriveRequest request = RedriveRequest.fromJson(input);
        DlqRedrive.Budget budget = context == null
                ? DlqRedrive.Budget.UNLIMITED
                : () -> Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
        Object report = redrive.run(request, budget);
        return EventJson.mapper().convertValue(report, new TypeReference<Map<String, Object>>() {});
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted while waiting for the move task", e);
        }
    }
}
