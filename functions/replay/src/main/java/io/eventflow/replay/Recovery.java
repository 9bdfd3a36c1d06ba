package io.eventflow.replay;

import io.eventflow.aws.Deadlines;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.PermanentException;
import io.eventflow.log.JsonLog;
import io.eventflow.replay.ReplayBus.Destination;
import io.eventflow.store.EventStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Delivers what the relay never delivered. The relay's failure records (RelayFailureQueue) name a shard's sequence
 * range and when its first and last record arrived, not the events; the store has the events. For each record the
 * events stored in its time window are re-published to the bus <em>as first deliveries</em> (no {@code replay}
 * mark: the notifier tells customers, which it never does for a replay), and the record is deleted only after every
 * one of them was sent. A record that cannot be read or whose events could not all be sent stays in the queue.
 *
 * <p>The window is wider than the batch: an event is stamped by its writer before the append that puts it in the
 * stream, within the writer's function timeout, so it starts {@link #STAMPED_BEFORE} before the first arrival and
 * ends {@link #STAMPED_AFTER} after the last (arrivals are whole seconds). Other events in it go out again too:
 * every consumer is idempotent on eventId (the notifier's record answers "already published"), so a repeat changes
 * nothing; only what was never delivered has an effect.
 */
public final class Recovery {
    static final Duration STAMPED_BEFORE = Duration.ofSeconds(Deadlines.FUNCTION_TIMEOUT_SECONDS + 5);
    static final Duration STAMPED_AFTER = Duration.ofSeconds(6);
    /** A record being worked on is hidden this long; one left unfinished (timeout, crash) comes back after it. */
    static final int HIDDEN_SECONDS = 300;
    static final int MAX_PROBLEMS = 50;

    private static final JsonLog LOG = JsonLog.of("replay");

    private final EventStore store;
    private final ReplayBus bus;
    private final FailureRecords failures;
    private final Pacing pacing;

    public Recovery(EventStore store, ReplayBus bus, FailureRecords failures, Pacing pacing) {
        this.store = store;
        this.bus = bus;
        this.failures = failures;
        this.pacing = pacing;
    }

    /** @param outOfTime checked before each record and each batch; when true the run stops and says so */
    public RecoveryReport recover(RecoveryRequest r, BooleanSupplier outOfTime) {
        long started = pacing.nanoTime();
        Destination destination = bus.everyRule();
        LOG.info("recovery started", "target", destination.description(), "ratePerSecond", r.ratePerSecond(),
                "dryRun", r.dryRun(), "maxRecords", r.maxRecords());
        int batchSize = Math.min(Replay.MAX_BATCH, r.ratePerSecond());
        TokenBucket bucket = new TokenBucket(r.ratePerSecond(), batchSize, pacing);
        Counts c = new Counts();
        Set<String> seen = new HashSet<>();
        boolean stoppedEarly = false;
        while (c.records < r.maxRecords()) {
            if (outOfTime.getAsBoolean()) {
                stoppedEarly = true;
                break;
            }
            // One at a time: a record received is worked on at once, never left hidden behind a stopped run.
            List<FailureRecords.Received> got = failures.receive(1, HIDDEN_SECONDS);
            if (got.isEmpty() || !seen.add(got.get(0).messageId())) {
                break; // empty, or around again (a dry run deletes nothing)
            }
            c.records++;
            if (!recoverOne(got.get(0), r, destination, bucket, outOfTime, c)) {
                stoppedEarly = outOfTime.getAsBoolean();
                if (stoppedEarly) {
                    break;
                }
            }
        }
        RecoveryReport report = new RecoveryReport(c.records, c.recovered, c.unreadable, c.kept, c.tally.matched,
                c.tally.sent, c.tally.failed, r.dryRun(), stoppedEarly,
                Duration.ofNanos(pacing.nanoTime() - started).toMillis(), c.problems);
        LOG.info("recovery finished", "records", report.records(), "recovered", report.recovered(),
                "unreadable", report.unreadable(), "kept", report.kept(), "events", report.events(), "sent", report.sent(),
                "failed", report.failed(), "dryRun", report.dryRun(), "stoppedEarly", report.stoppedEarly(),
                "elapsedMs", report.elapsedMs());
        return report;
    }

    /** @return true when the record's events were all sent (and, unless a dry run, the record deleted) */
    private boolean recoverOne(FailureRecords.Received received, RecoveryRequest r, Destination destination,
                               TokenBucket bucket, BooleanSupplier outOfTime, Counts c) {
        StreamBatchInfo info;
        try {
            info = StreamBatchInfo.parse(received.body());
        } catch (PermanentException e) {
            c.unreadable++;
            c.problem(received.messageId() + ": " + e.getMessage());
            LOG.warn("failure record not readable; left in the queue", null, "messageId", received.messageId(),
                    "reason", e.getMessage());
            return false;
        }
        Instant from = info.firstArrival().minus(STAMPED_BEFORE);
        Instant to = info.lastArrival().plus(STAMPED_AFTER);
        Iterator<EventEnvelope> events = StoredEvents.select(store, new ReplayRequest(null,
                EventTypes.names().stream().sorted().toList(), from, to, "bus", r.ratePerSecond(), r.dryRun(),
                ReplayRequest.MAX_EVENTS_LIMIT));
        int batchSize = Math.min(Replay.MAX_BATCH, r.ratePerSecond());
        long failedBefore = c.tally.failed;
        long events0 = c.tally.matched;
        while (events.hasNext()) {
            List<EventEnvelope> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && events.hasNext()) {
                batch.add(events.next());
            }
            if (!r.dryRun() && outOfTime.getAsBoolean()) {
                c.kept++;
                LOG.warn("recovery stopped in a failure record; it comes back", null, "messageId", received.messageId(),
                        "shardId", info.shardId(), "afterSeconds", HIDDEN_SECONDS);
                return false;
            }
            c.tally.matched += batch.size();
            if (!r.dryRun()) {
                Replay.send(destination, batch, bucket, pacing, c.tally); // as stored: first deliveries
            }
        }
        boolean allSent = c.tally.failed == failedBefore;
        LOG.info(allSent ? "failure record recovered" : "failure record kept: events not sent", "messageId",
                received.messageId(), "shardId", info.shardId(), "startSequenceNumber", info.startSequenceNumber(),
                "endSequenceNumber", info.endSequenceNumber(), "condition", info.condition(), "from", from, "to", to,
                "events", c.tally.matched - events0, "dryRun", r.dryRun());
        if (!allSent) {
            c.kept++;
            c.problem(received.messageId() + ": " + (c.tally.failed - failedBefore) + " event(s) not sent");
            return false;
        }
        if (!r.dryRun()) {
            failures.delete(received);
            c.recovered++;
        }
        return true;
    }

    private static final class Counts {
        long records;
        long recovered;
        long unreadable;
        long kept;
        final Replay.Tally tally = new Replay.Tally();
        final List<String> problems = new ArrayList<>();

        void problem(String p) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            }
        }
    }
}
