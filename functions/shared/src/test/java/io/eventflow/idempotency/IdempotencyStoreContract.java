package io.eventflow.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do; runs against the twin and against DynamoDB on the emulator. */
public abstract class IdempotencyStoreContract {
    /** A mutable clock the test moves forward. */
    protected static final class TestClock extends Clock {
        private Instant now = Instant.now();

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    protected static final IdempotencySettings SETTINGS =
            new IdempotencySettings(Duration.ofHours(1), Duration.ofSeconds(30));

    protected abstract IdempotencyStore store(TestClock clock);

    /** The event store the store's receipts go with (processWithAppend). */
    protected abstract io.eventflow.store.EventStore events();

    private TestClock clock;
    private IdempotencyStore store;
    private String key;

    @BeforeEach
    void setUp() {
        clock = new TestClock();
        store = store(clock);
        key = UUID.randomUUID().toString();
    }

    @Test
    void runsOnceAndReturnsTheRecordedResultToRepeats() {
        AtomicInteger runs = new AtomicInteger();
        var first = store.processOnce("inventory", key, "h1", () -> "reserved-" + runs.incrementAndGet());
        var second = store.processOnce("inventory", key, "h1", () -> "reserved-" + runs.incrementAndGet());
        assertThat(first).isEqualTo(new IdempotencyStore.Outcome("reserved-1", true));
        assertThat(second).isEqualTo(new IdempotencyStore.Outcome("reserved-1", false));
        assertThat(runs).hasValue(1);
        // another consumer of the same event is independent
        assertThat(store.processOnce("payment", key, "h1", () -> "x").firstRun())
                .isTrue();
    }

    @Test
    void aFailedRunLeavesNoRecordSoTheRetryRuns() {
        assertThatThrownBy(() -> store.processOnce("inventory", key, null, () -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(store.processOnce("inventory", key, null, () -> "ok"))
                .isEqualTo(new IdempotencyStore.Outcome("ok", true));
    }

    @Test
    void theSameKeyWithAnotherPayloadIsRejected() {
        store.processOnce("api", key, "hash-a", () -> "202");
        assertThatThrownBy(() -> store.processOnce("api", key, "hash-b", () -> "202"))
                .isInstanceOf(IdempotencyKeyMismatchException.class)
                .hasMessageContaining(key);
    }

    @Test
    void aRunInProgressBlocksOthersUntilItsTimeoutPasses() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> store.processOnce("shipping", key, null, () -> {
            inside.countDown();
            await(release);
            return "first";
        }));
        holder.start();
        inside.await();
        try {
            assertThatThrownBy(() -> store.processOnce("shipping", key, null, () -> "second"))
                    .isInstanceOf(IdempotencyInProgressException.class);
            clock.advance(Duration.ofSeconds(31)); // the holder is presumed crashed
            assertThat(store.processOnce("shipping", key, null, () -> "takeover")
                            .result())
                    .isEqualTo("takeover");
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void expiredRecordsAreForgotten() {
        store.processOnce("email", key, null, () -> "sent");
        clock.advance(Duration.ofHours(2));
        assertThat(store.processOnce("email", key, null, () -> "sent again"))
                .isEqualTo(new IdempotencyStore.Outcome("sent again", true));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Work whose effect is an append, as the order consumers do it: the draft's eventId is derived, so fixed here. */
    private java.util.function.Function<Receipt, String> appendWork(
            String stream, io.eventflow.events.EventEnvelope draft, AtomicInteger runs) {
        return receipt -> {
            runs.incrementAndGet();
            var result = events().append(stream, 0, java.util.List.of(draft), receipt.result("OrderPlaced"));
            return result instanceof io.eventflow.store.AppendResult.Duplicate ? "duplicate" : "OrderPlaced";
        };
    }

    @Test
    void withAppendTheRecordedResultAnswersRepeatsAndTheEventIsStoredOnce() {
        String orderId = "ORD-" + key.substring(0, 8);
        String stream = "Order-" + orderId;
        var draft = io.eventflow.testing.SampleEvents.draft(
                io.eventflow.testing.SampleEvents.everyType(orderId).get(0));
        AtomicInteger runs = new AtomicInteger();
        var first = store.processWithAppend("saga", key, appendWork(stream, draft, runs));
        var second = store.processWithAppend("saga", key, appendWork(stream, draft, runs));
        assertThat(first).isEqualTo(new IdempotencyStore.Outcome("OrderPlaced", true));
        assertThat(second).isEqualTo(new IdempotencyStore.Outcome("OrderPlaced", false));
        assertThat(events().readStream(stream, 1)).hasSize(1);
        // a repeat may run idempotent work again (DynamoDB: no INPROGRESS phase), never append twice
        assertThat(runs.get()).isBetween(1, 2);
    }

    @Test
    void withAppendWorkThatAppendsNothingIsRecordedAlone() {
        assertThat(store.processWithAppend("saga", key, receipt -> "ignored: late"))
                .isEqualTo(new IdempotencyStore.Outcome("ignored: late", true));
        assertThat(store.processWithAppend("saga", key, receipt -> "ignored: other"))
                .isEqualTo(new IdempotencyStore.Outcome("ignored: late", false));
    }

    @Test
    void withAppendAFailedRunLeavesNoRecord() {
        assertThatThrownBy(() -> store.processWithAppend("saga", key, receipt -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(store.processWithAppend("saga", key, receipt -> "ok"))
                .isEqualTo(new IdempotencyStore.Outcome("ok", true));
    }

    /**
     * The flow of a consumer whose work ends in an append: a repeat, replayed or not, gets the recorded result, is
     * logged, and a replayed repeat (answered by the INPROGRESS put) does not run the work again.
     */
    @Test
    void handlingOnceWithAppendAnswersARepeatFromTheRecordAndLogsIt() {
        AtomicInteger runs = new AtomicInteger();
        io.eventflow.log.JsonLog log = io.eventflow.log.JsonLog.of("saga");
        String logged;
        try (io.eventflow.testing.CapturedLog captured = io.eventflow.testing.CapturedLog.start()) {
            store.handleOnceWithAppend("saga", key, false, receipt -> "ignored: late-" + runs.incrementAndGet(), log);
            assertThat(captured.text()).doesNotContain("already handled");
            store.handleOnceWithAppend("saga", key, true, receipt -> "other-" + runs.incrementAndGet(), log);
            logged = captured.text();
        }
        assertThat(runs).hasValue(1);
        assertThat(logged).contains("already handled; nothing to do").contains("ignored: late-1");
        assertThat(store.processOnce("saga", key, null, () -> "again"))
                .isEqualTo(new IdempotencyStore.Outcome("ignored: late-1", false));
    }

    /** A redelivered message (the hint set by the batch loop) gets the same answers: a repeat is not run again. */
    @Test
    void aRedeliveryIsAnsweredFromTheRecordAndRunsWhenThereIsNone() {
        AtomicInteger runs = new AtomicInteger();
        Redelivery.during(
                true,
                () -> assertThat(store.processOnce("email", key, null, () -> "sent-" + runs.incrementAndGet()))
                        .isEqualTo(new IdempotencyStore.Outcome("sent-1", true)));
        Redelivery.during(
                true,
                () -> assertThat(store.processOnce("email", key, null, () -> "sent-" + runs.incrementAndGet()))
                        .isEqualTo(new IdempotencyStore.Outcome("sent-1", false)));
        Redelivery.during(
                true,
                () -> assertThat(store.processWithAppend("saga", key, receipt -> "ignored: late"))
                        .isEqualTo(new IdempotencyStore.Outcome("ignored: late", true)));
        Redelivery.during(
                true,
                () -> assertThat(store.processWithAppend("saga", key, receipt -> "other"))
                        .isEqualTo(new IdempotencyStore.Outcome("ignored: late", false)));
        assertThat(runs).hasValue(1);
        assertThat(Redelivery.current()).isFalse();
    }

    @Test
    void aRedeliveryOfAnExpiredRecordRunsAgain() {
        store.processOnce("email", key, null, () -> "sent");
        clock.advance(Duration.ofHours(2));
        Redelivery.during(
                true,
                () -> assertThat(store.processOnce("email", key, null, () -> "sent again"))
                        .isEqualTo(new IdempotencyStore.Outcome("sent again", true)));
    }
}
