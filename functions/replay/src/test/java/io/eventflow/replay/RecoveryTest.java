package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.streams.InMemoryStreamRange;
import io.eventflow.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery: the relay's failure records turned into first deliveries of the events their batches covered. */
class RecoveryTest {
    private static final Instant OUTAGE = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryReplayBus bus = new InMemoryReplayBus();
    private final InMemoryFailureRecords failures = new InMemoryFailureRecords();
    private final InMemoryStreamRange stream = new InMemoryStreamRange();
    private final Recovery recovery = new Recovery(store, bus, failures, stream, new FakePacing());

    RecoveryTest() {
        bus.putRule("all", ReplayBusContract.allPattern(), InMemoryReplayBus.queueArn("all"));
    }

    /** Appends the event and writes its stream records (event item, then its eventId guard). */
    private InMemoryStreamRange.Entry streamed(EventEnvelope e) {
        InMemoryStreamRange.Entry entry = stream.event(e.streamId(), e.sequence());
        stream.guard();
        return entry;
    }

    private static String failureRecordOf(InMemoryStreamRange.Entry first, InMemoryStreamRange.Entry last) {
        return FailureRecordsContract.failureRecord(
                        first.sequenceNumber().toString(),
                        last.sequenceNumber().toString(),
                        OUTAGE,
                        OUTAGE.plusSeconds(1),
                        2)
                .replace(
                        "arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026",
                        InMemoryStreamRange.STREAM_ARN);
    }

    @Test
    void whileTheStreamHasTheRangeExactlyItsEventsGoOutAndNotTheirNeighbours() {
        EventEnvelope before = Stored.append(store, new PaymentAuthorized("ORD-0", "PAY-0", 7499, "EUR"), OUTAGE);
        streamed(before);
        EventEnvelope confirmed = Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE.plusMillis(10));
        InMemoryStreamRange.Entry first = streamed(confirmed);
        EventEnvelope paid =
                Stored.append(store, new PaymentAuthorized("ORD-2", "PAY-2", 7499, "EUR"), OUTAGE.plusMillis(20));
        InMemoryStreamRange.Entry last = streamed(paid);
        EventEnvelope after = Stored.append(store, new OrderConfirmed("ORD-3", "PAY-3"), OUTAGE.plusMillis(30));
        streamed(after);
        failures.send(failureRecordOf(first, last));

        RecoveryReport report = recovery.recover(request(false), () -> false);

        assertThat(sentIds()).containsExactly(confirmed.eventId(), paid.eventId());
        assertThat(bus.queue("all"))
                .allSatisfy(e -> assertThat(e.path("detail").has("replay")).isFalse());
        assertThat(report.recovered()).isEqualTo(1);
        assertThat(failures.bodies()).isEmpty();
    }

    private static RecoveryRequest request(boolean dryRun) {
        return new RecoveryRequest("recover", null, dryRun, null);
    }

    private List<String> sentIds() {
        return bus.queue("all").stream()
                .map(j -> j.path("detail").path("eventId").asText())
                .toList();
    }

    /** After its 24 h the stream no longer has the range: every event stored in the batch's time window goes out. */
    @Test
    void theEventsOfAGivenUpBatchGoOutAsFirstDeliveriesAndTheRecordIsDeleted() {
        stream.trim();
        EventEnvelope confirmed = Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE.plusMillis(300));
        EventEnvelope paid =
                Stored.append(store, new PaymentAuthorized("ORD-2", "PAY-2", 7499, "EUR"), OUTAGE.plusSeconds(2));
        EventEnvelope longBefore = Stored.append(store, SampleEvents.orderPlaced("ORD-3"), OUTAGE.minusSeconds(3600));
        failures.send(FailureRecordsContract.failureRecord("100", "101", OUTAGE, OUTAGE.plusSeconds(2), 2));

        RecoveryReport report = recovery.recover(request(false), () -> false);

        assertThat(sentIds())
                .containsExactlyInAnyOrder(confirmed.eventId(), paid.eventId())
                .doesNotContain(longBefore.eventId());
        // first deliveries: no replay mark, so the notifier tells the customer
        assertThat(bus.queue("all"))
                .map(ObjectNode.class::cast)
                .allSatisfy(e -> assertThat(e.path("detail").has("replay")).isFalse());
        assertThat(failures.bodies()).isEmpty();
        assertThat(report.records()).isEqualTo(1);
        assertThat(report.recovered()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.failed()).isZero();
    }

    /** The stream cannot give the range now (it did not answer, or has not shown its end): the time window covers it. */
    @Test
    void aRangeTheStreamCannotGiveNowIsRecoveredByItsTimeWindow() {
        EventEnvelope confirmed = Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE.plusMillis(300));
        InMemoryStreamRange.Entry first = streamed(confirmed);
        InMemoryStreamRange.Entry notYet = new InMemoryStreamRange.Entry(
                first.streamArn(),
                first.shardId(),
                first.sequenceNumber().add(java.math.BigInteger.valueOf(1000)),
                java.util.Optional.empty());
        failures.send(failureRecordOf(first, notYet));

        RecoveryReport report = recovery.recover(request(false), () -> false);

        assertThat(sentIds()).containsExactly(confirmed.eventId());
        assertThat(report.recovered()).isEqualTo(1);
        assertThat(failures.bodies()).isEmpty();
    }

    @Test
    void anEventStampedBeforeItsRecordArrivedIsCovered() {
        stream.trim();
        // stamped by its writer, appended (and so in the stream) up to the function timeout later
        EventEnvelope stampedEarly = Stored.append(
                store,
                new OrderConfirmed("ORD-1", "PAY-1"),
                OUTAGE.minusSeconds(io.eventflow.aws.Deadlines.FUNCTION_TIMEOUT_SECONDS));
        failures.send(FailureRecordsContract.failureRecord("100", "100", OUTAGE, OUTAGE, 1));

        recovery.recover(request(false), () -> false);

        assertThat(sentIds()).containsExactly(stampedEarly.eventId());
    }

    @Test
    void aRecordWhoseEventsCouldNotAllBeSentStaysInTheQueue() {
        EventEnvelope confirmed = Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE);
        bus.failNext(confirmed.eventId(), "InternalFailure", true, 99);
        failures.send(FailureRecordsContract.failureRecord("100", "100", OUTAGE, OUTAGE, 1));

        RecoveryReport report = recovery.recover(request(false), () -> false);

        assertThat(failures.bodies()).hasSize(1);
        assertThat(report.kept()).isEqualTo(1);
        assertThat(report.recovered()).isZero();
        assertThat(report.failed()).isEqualTo(1);

        // the bus is back: the next run delivers it and deletes the record
        bus.failNext(confirmed.eventId(), "InternalFailure", true, 0);
        RecoveryReport again = recovery.recover(request(false), () -> false);
        assertThat(again.recovered()).isEqualTo(1);
        assertThat(failures.bodies()).isEmpty();
        assertThat(sentIds()).containsExactly(confirmed.eventId());
    }

    @Test
    void anUnreadableRecordIsLeftInTheQueueWithItsReason() {
        failures.send("{\"requestContext\":{},\"SQSBatchInfo\":{}}");
        failures.send("not json");

        RecoveryReport report = recovery.recover(request(false), () -> false);

        assertThat(report.unreadable()).isEqualTo(2);
        assertThat(report.problems())
                .anyMatch(p -> p.contains("DDBStreamBatchInfo"))
                .anyMatch(p -> p.contains("not JSON"));
        assertThat(failures.bodies()).hasSize(2);
        assertThat(bus.calls()).isZero();
    }

    @Test
    void aDryRunCountsAndSendsOrDeletesNothing() {
        Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE);
        failures.send(FailureRecordsContract.failureRecord("100", "100", OUTAGE, OUTAGE, 1));

        RecoveryReport report = recovery.recover(request(true), () -> false);

        assertThat(report.events()).isEqualTo(1);
        assertThat(report.sent()).isZero();
        assertThat(bus.calls()).isZero();
        assertThat(failures.bodies()).hasSize(1);
        // released: the real run right after finds it
        assertThat(recovery.recover(request(false), () -> false).recovered()).isEqualTo(1);
    }

    @Test
    void outOfTimeItStopsBeforeTheNextRecordAndSaysSo() {
        Stored.append(store, new OrderConfirmed("ORD-1", "PAY-1"), OUTAGE);
        failures.send(FailureRecordsContract.failureRecord("100", "100", OUTAGE, OUTAGE, 1));

        RecoveryReport report = recovery.recover(request(false), () -> true);

        assertThat(report.stoppedEarly()).isTrue();
        assertThat(report.records()).isZero();
        assertThat(failures.bodies()).hasSize(1);
    }
}
