package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import io.eventflow.testing.SqsTestEvents;
import io.eventflow.testing.TimedContext;
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
        TimedContext context = new TimedContext(SqsBatch.DEADLINE_MARGIN.toMillis() + 300);
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
                .process(batchOf(3), new TimedContext(1_000), e -> handled.add(e.eventId()));

        assertThat(handled).isEmpty();
        assertThat(response.getBatchItemFailures()).hasSize(3);
    }

    @Test
    void withTimeToSpareTheWholeBatchIsHandled() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = new SqsBatch("test", Clock.systemUTC())
                .process(
                        batchOf(3),
                        new TimedContext(io.eventflow.aws.Deadlines.FUNCTION_TIMEOUT_SECONDS * 1000L),
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
}
