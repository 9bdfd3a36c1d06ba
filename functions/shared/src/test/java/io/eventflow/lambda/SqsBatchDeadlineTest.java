package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import io.eventflow.testing.SqsTestEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch whose invocation runs out of time: SqsBatch starts no message with less than DEADLINE_MARGIN left
 * and reports the untouched rest as batch item failures (they come back; the handled ones do not).
 */
class SqsBatchDeadlineTest {
    private final CapturedLog logs = CapturedLog.start();

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    @Test
    void messagesLeftWhenTheDeadlineIsNearAreReportedUntouched() {
        SQSEvent batch = batchOf(4);
        // a deadline 5.3 s away; every handled message costs 200 ms of a virtual clock
        DeadlineContext context = new DeadlineContext(SqsBatch.DEADLINE_MARGIN.toMillis() + 300);
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = new SqsBatch("test", Clock.systemUTC()).process(batch, context, e -> {
            handled.add(e.eventId());
            context.spend(200);
        });

        assertThat(handled).hasSize(2);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-3", "m-4");
        assertThat(logs.text()).contains("invocation deadline near").contains("\"unprocessed\":2");
    }

    @Test
    void aBatchStartedTooLateTouchesNothing() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = new SqsBatch("test", Clock.systemUTC())
                .process(batchOf(3), new DeadlineContext(1_000), e -> handled.add(e.eventId()));

        assertThat(handled).isEmpty();
        assertThat(response.getBatchItemFailures()).hasSize(3);
    }

    @Test
    void withTimeToSpareTheWholeBatchIsHandled() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = new SqsBatch("test", Clock.systemUTC())
                .process(
                        batchOf(3),
                        new DeadlineContext(io.eventflow.aws.Deadlines.FUNCTION_TIMEOUT_SECONDS * 1000L),
                        e -> handled.add(e.eventId()));

        assertThat(handled).hasSize(3);
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    private static SQSEvent batchOf(int n) {
        List<SQSEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            EventEnvelope stored =
                    SampleEvents.draft(SampleEvents.orderPlaced("ORD-" + i)).positioned("Order-ORD-" + i, 1);
            SQSEvent e = SqsTestEvents.message(stored, "q");
            e.getRecords().get(0).setMessageId("m-" + i);
            events.add(e);
        }
        return SqsTestEvents.batch(events.toArray(SQSEvent[]::new));
    }

    /** A Lambda context on a virtual clock: the remaining time only shrinks when the test spends it. */
    private static final class DeadlineContext implements Context {
        private long remainingMs;

        DeadlineContext(long remainingMs) {
            this.remainingMs = remainingMs;
        }

        void spend(long ms) {
            remainingMs -= ms;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, remainingMs);
        }

        @Override
        public String getAwsRequestId() {
            return "req-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/test";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:test";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
