package io.eventflow.replay;

import io.eventflow.aws.Deadlines;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventTypes;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.log.JsonLog;
import io.eventflow.replay.ReplayBus.Destination;
import io.eventflow.store.EventStore;
import io.eventflow.store.EventStore.Position;
import io.eventflow.streams.StreamFailureRecord;
import io.eventflow.streams.StreamRange;
import io.eventflow.streams.StreamRangeUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Delivers what the relay never delivered. The relay's failure records (RelayFailureQueue) name a shard's sequence
 * range and when its first and last record arrived, not the events; the store has the events. For each record the
 * covered events are loaded from the store and re-published to the bus <em>as first deliveries</em> (no
 * {@code replay} mark: the notifier tells customers, which it never does for a replay), and the record is deleted
 * only after every one of them was sent. A record that cannot be read or whose events could not all be sent stays
 * in the queue.
 *
 * <p>Which events: while the stream still holds the range (24 h), exactly the event items of its records
 * ({@link StreamRange}). After that, every event stored in the batch's time window: an event is stamped by its
 * writer before the append that puts it in the stream, within the writer's function timeout, so the window starts
 * {@link #STAMPED_BEFORE} before the first arrival and ends {@link #STAMPED_AFTER} after the last (arrivals are
 * whole seconds). Other events in it go out again too: every consumer is idempotent on eventId (the notifier's
 * record answers "already published"), so a repeat changes nothing; only what was never delivered has an effect.
 */
public final class Recovery {
    static final Duration STAMPED_BEFORE = Duration.ofSeconds(Deadlines.FUNCTION_TIMEOUT_SECONDS + 5);
    static final Duration STAMPED_AFTER = Duration.ofSeconds(6);
    /** A record is hidden this long while a run works on it; after a crash or timeout it comes back then. */
    static final int HIDDEN_SECONDS = 300;

    static final int MAX_PROBLEMS = 50;
    /** BatchGetItem takes 100 keys. */
    static final int LOAD_CHUNK = 100;

    private static final JsonLog LOG = JsonLog.of("replay");

    private final EventStore store;
    private final ReplayBus bus;
    private final FailureRecords failures;
    private final StreamRange stream;
    private final Pacing pacing;

    public Recovery(EventStore store, ReplayBus bus, FailureRecords failures, StreamRange stream, Pacing pacing) {
        this.store = store;
        this.bus = bus;
        this.failures = failures;
        this.stream = stream;
        this.pacing = pacing;
    }

    /** @param outOfTime checked before each record and each batch; when true the run stops and says so */
    public RecoveryReport recover(RecoveryRequest r, BooleanSupplier outOfTime) {
        long started = pacing.nanoTime();
        Destination destination = bus.everyRule();
        LOG.info(
                "recovery started",
                "target",
                destination.description(),
                "ratePerSecond",
                r.ratePerSecond(),
                "dryRun",
                r.dryRun(),
                "maxRecords",
                r.maxRecords());
        TokenBucket bucket = new TokenBucket(r.ratePerSecond(), Math.min(Replay.MAX_BATCH, r.ratePerSecond()), pacing);
        Counts c = new Counts();
        Set<String> seen = new HashSet<>();
        List<FailureRecords.Received> notDeleted = new ArrayList<>();
        boolean stoppedEarly = false;
        while (c.records < r.maxRecords()) {
            if (outOfTime.getAsBoolean()) {
                stoppedEarly = true;
                break;
            }
            // One at a time: a record received is worked on at once. What is not deleted stays hidden until the
            // run ends (so the run meets each record once), then is released for the next run.
            List<FailureRecords.Received> got = failures.receive(1, HIDDEN_SECONDS);
            if (got.isEmpty() || !seen.add(got.get(0).messageId())) {
                break; // empty, or around again after HIDDEN_SECONDS
            }
            c.records++;
            boolean deleted = recoverOne(got.get(0), r, destination, bucket, outOfTime, c) && !r.dryRun();
            if (!deleted) {
                notDeleted.add(got.get(0));
            }
            if (!deleted && outOfTime.getAsBoolean()) {
                stoppedEarly = true;
                break;
            }
        }
        release(notDeleted);
        RecoveryReport report = new RecoveryReport(
                c.records,
                c.recovered,
                c.unreadable,
                c.kept,
                c.tally.matched,
                c.tally.sent,
                c.tally.failed,
                r.dryRun(),
                stoppedEarly,
                Duration.ofNanos(pacing.nanoTime() - started).toMillis(),
                c.problems);
        LOG.info(
                "recovery finished",
                "records",
                report.records(),
                "recovered",
                report.recovered(),
                "unreadable",
                report.unreadable(),
                "kept",
                report.kept(),
                "events",
                report.events(),
                "sent",
                report.sent(),
                "failed",
                report.failed(),
                "dryRun",
                report.dryRun(),
                "stoppedEarly",
                report.stoppedEarly(),
                "elapsedMs",
                report.elapsedMs());
        return report;
    }

    /** @return true when the record's events were all sent (and, unless a dry run, the record deleted) */
    private boolean recoverOne(
            FailureRecords.Received received,
            RecoveryRequest r,
            Destination destination,
            TokenBucket bucket,
            BooleanSupplier outOfTime,
            Counts c) {
        StreamFailureRecord info;
        try {
            info = StreamFailureRecord.parse(received.body());
        } catch (PermanentException e) {
            c.unreadable++;
            c.problem(received.messageId() + ": " + e.getMessage());
            LOG.warn(
                    "failure record not readable; left in the queue",
                    null,
                    "messageId",
                    received.messageId(),
                    "reason",
                    e.getMessage());
            return false;
        }
        Instant from = info.firstArrival().minus(STAMPED_BEFORE);
        Instant to = info.lastArrival().plus(STAMPED_AFTER);
        Optional<List<Position>> exact = exactRange(info);
        Iterator<EventEnvelope> events;
        if (exact.isPresent()) {
            List<EventEnvelope> loaded = load(exact.get());
            if (loaded == null) {
                c.kept++;
                c.problem(received.messageId() + ": an event of the range is not in the store");
                LOG.warn(
                        "failure record kept: an event of its range is not in the store",
                        null,
                        "messageId",
                        received.messageId(),
                        "shardId",
                        info.shardId());
                return false;
            }
            events = loaded.iterator();
        } else {
            events = StoredEvents.select(
                    store,
                    new ReplayRequest(
                            null,
                            EventTypes.names().stream().sorted().toList(),
                            from,
                            to,
                            "bus",
                            r.ratePerSecond(),
                            r.dryRun(),
                            ReplayRequest.MAX_EVENTS_LIMIT));
        }
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
                LOG.warn(
                        "recovery stopped in a failure record; it comes back",
                        null,
                        "messageId",
                        received.messageId(),
                        "shardId",
                        info.shardId(),
                        "afterSeconds",
                        HIDDEN_SECONDS);
                return false;
            }
            c.tally.matched += batch.size();
            if (!r.dryRun()) {
                Replay.send(destination, batch, bucket, pacing, c.tally); // as stored: first deliveries
            }
        }
        boolean allSent = c.tally.failed == failedBefore;
        LOG.info(
                allSent ? "failure record recovered" : "failure record kept: events not sent",
                "messageId",
                received.messageId(),
                "shardId",
                info.shardId(),
                "startSequenceNumber",
                info.startSequenceNumber(),
                "endSequenceNumber",
                info.endSequenceNumber(),
                "condition",
                info.condition(),
                "selectedBy",
                exact.isPresent() ? "stream range" : "time window " + from + ".." + to,
                "events",
                c.tally.matched - events0,
                "dryRun",
                r.dryRun());
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

    /** The range's events from the stream, or empty when it cannot give them: the time window covers them too. */
    private Optional<List<Position>> exactRange(StreamFailureRecord info) {
        try {
            return Optional.of(stream.positions(info));
        } catch (StreamRangeUnavailableException e) {
            return Optional.empty();
        } catch (RetryableException e) {
            LOG.warn(
                    "stream range not readable; recovering by time window",
                    e,
                    "shardId",
                    info.shardId(),
                    "startSequenceNumber",
                    info.startSequenceNumber());
            return Optional.empty();
        }
    }

    private void release(List<FailureRecords.Received> records) {
        for (FailureRecords.Received rec : records) {
            try {
                failures.release(rec);
            } catch (RuntimeException e) {
                LOG.warn(
                        "failure record not released; it comes back on its own",
                        e,
                        "messageId",
                        rec.messageId(),
                        "afterSeconds",
                        HIDDEN_SECONDS);
            }
        }
    }

    /** The events at these positions, in this order (the store reads each once); null when one is missing. */
    private List<EventEnvelope> load(List<Position> positions) {
        Map<Position, EventEnvelope> found = new HashMap<>();
        for (int i = 0; i < positions.size(); i += LOAD_CHUNK) {
            store.findAll(positions.subList(i, Math.min(positions.size(), i + LOAD_CHUNK)))
                    .forEach(e -> found.put(new Position(e.streamId(), e.sequence()), e));
        }
        List<EventEnvelope> out = new ArrayList<>(positions.size());
        for (Position p : new LinkedHashSet<>(positions)) {
            EventEnvelope e = found.get(p);
            if (e == null) {
                // left out of a batch read (throttled): read on its own
                e = store.find(p.streamId(), p.sequence()).orElse(null);
            }
            if (e == null) {
                return null;
            }
            out.add(e);
        }
        return out;
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
