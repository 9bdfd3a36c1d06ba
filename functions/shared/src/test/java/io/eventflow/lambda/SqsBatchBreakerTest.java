package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.resilience.MutableClock;
import io.eventflow.resilience.ProviderBreaker;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import io.eventflow.testing.SqsTestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer of a failing provider: once the breaker is open, messages are not handled but made invisible for the
 * breaker's deferral and returned, so the outage costs a few receives instead of one per visibility timeout.
 */
class SqsBatchBreakerTest {
    private final CapturedLog logs = CapturedLog.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final ProviderBreaker breaker = new ProviderBreaker("test", "ses", Duration.ofSeconds(60), clock);
    private final InMemoryMessageDelay delay = new InMemoryMessageDelay();
    private final SqsBatch batch = new SqsBatch("test", clock, breaker, delay);
    private final List<String> handled = new ArrayList<>();

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    /** A handler whose every message calls the provider through the breaker; the provider is down. */
    private final Consumer<EventEnvelope> providerDown = e -> breaker.call(() -> {
        handled.add(e.eventId());
        throw new RetryableException("SES SendEmail failed: ServiceUnavailable");
    });

    private final Consumer<EventEnvelope> providerUp = e -> breaker.call(() -> handled.add(e.eventId()));

    private static List<String> failures(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void onceTheBreakerOpensTheRestOfTheBatchWaitsOnTheQueueUntouched() {
        SQSBatchResponse response = batch.process(batchOf(8, 1), providerDown);

        // three calls failed (the third opened the breaker); the other five never reached the provider
        assertThat(handled).hasSize(ProviderBreaker.MINIMUM_CALLS);
        assertThat(failures(response)).hasSize(8);
        // the message whose failure opened it, and the five after it, wait the breaker's deferral
        assertThat(delay.delays())
                .containsOnlyKeys("m-3", "m-4", "m-5", "m-6", "m-7", "m-8")
                .containsValue(Duration.ofSeconds(60));
        assertThat(logs.text())
                .contains("provider circuit open; message waits on its queue")
                .contains("\"delaySeconds\":60");
    }

    @Test
    void aMessageReceivedAgainWaitsLonger() {
        batch.process(batchOf(3, 1), providerDown); // opens the breaker
        SQSBatchResponse response = batch.process(batchOf(2, 3), providerUp);

        assertThat(failures(response)).containsExactly("m-1", "m-2");
        assertThat(handled).hasSize(3); // providerUp was never called: the breaker is open
        assertThat(delay.delays())
                .containsEntry("m-1", Duration.ofMinutes(25))
                .containsEntry("m-2", Duration.ofMinutes(25));
    }

    @Test
    void afterTheWaitAProbeGoesThroughAndTheBatchIsHandledAgain() {
        batch.process(batchOf(3, 1), providerDown);
        handled.clear();
        clock.advance(Duration.ofSeconds(61));

        SQSBatchResponse response = batch.process(batchOf(3, 2), providerUp);

        assertThat(failures(response)).isEmpty();
        assertThat(handled).hasSize(3);
        assertThat(breaker.open()).isFalse();
    }

    @Test
    void withTheBreakerClosedAFailureIsAnOrdinaryRetryNotADeferral() {
        SQSBatchResponse response = batch.process(batchOf(2, 1), providerDown);

        assertThat(failures(response)).containsExactly("m-1", "m-2");
        assertThat(delay.delays()).isEmpty();
    }

    @Test
    void poisonIsNotDeferredEvenWhileTheBreakerIsOpenItFailsOnItsOwn() {
        batch.process(batchOf(3, 1), providerDown);
        clock.advance(Duration.ofSeconds(61));
        SQSBatchResponse response = batch.process(batchOf(1, 1), e -> {
            throw new PermanentException("no email for notification type X");
        });

        assertThat(failures(response)).containsExactly("m-1");
        assertThat(delay.delays()).containsOnlyKeys("m-3"); // only the failure that opened it, in the first batch
    }

    @Test
    void aMalformedMessageIsPoisonWhileTheBreakerIsOpenAndIsNeverDeferred() {
        batch.process(batchOf(3, 1), providerDown); // opens the breaker
        SQSEvent poison = batchOf(1, 4);
        poison.getRecords().get(0).setMessageId("poison");
        poison.getRecords().get(0).setBody("chaos poison: not an EventBridge event {");

        SQSBatchResponse response = batch.process(poison, providerUp);

        // reported for its DLQ on this receive's schedule, not held back for the breaker's 2 h
        assertThat(failures(response)).containsExactly("poison");
        assertThat(delay.delays()).doesNotContainKey("poison");
        assertThat(logs.text()).contains("poison message; it will go to the DLQ");
    }

    @Test
    void theLongestDeferralIsBounded() {
        ProviderBreaker shortBreaker =
                new ProviderBreaker("test", "ses", Duration.ofSeconds(2), Duration.ofSeconds(20), clock);
        assertThat(shortBreaker.deferral(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(shortBreaker.deferral(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(shortBreaker.deferral(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(shortBreaker.deferral(5)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void whenTheDelayIsRefusedTheMessageIsStillReturnedNotLost() {
        batch.process(batchOf(3, 1), providerDown);
        delay.failing(true);

        SQSBatchResponse response = batch.process(batchOf(2, 1), providerUp);

        assertThat(failures(response)).containsExactly("m-1", "m-2");
        assertThat(logs.text()).contains("could not be delayed");
    }

    private static SQSEvent batchOf(int n, int receiveCount) {
        List<SQSEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            EventEnvelope stored =
                    SampleEvents.draft(SampleEvents.orderPlaced("ORD-" + i)).positioned("Order-ORD-" + i, 1);
            SQSEvent e = SqsTestEvents.message(stored, "q");
            SQSEvent.SQSMessage m = e.getRecords().get(0);
            m.setMessageId("m-" + i);
            m.setReceiptHandle("rh-" + i);
            m.setAttributes(new java.util.HashMap<>(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount))));
            events.add(e);
        }
        return SqsTestEvents.batch(events.toArray(SQSEvent[]::new));
    }
}
