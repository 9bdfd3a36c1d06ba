package io.eventflow.replay;

import io.eventflow.events.BusPayload;
import io.eventflow.events.EventEnvelope;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import io.eventflow.replay.ReplayBus.Delivery;
import io.eventflow.replay.ReplayBus.Destination;
import io.eventflow.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Re-publishes stored events, marked {@code replay: true} with their original eventId, so consumers can
 * rebuild or catch up. Every consumer is idempotent on eventId, so replaying events it already handled
 * changes nothing (its idempotency record answers first; emitted events have derived ids the store
 * rejects as duplicates): a replay only has an effect where an event was never handled.
 * Library code: the Lambda handler and a CLI both call {@link #replay}.
 */
public final class Replay {
    static final int MAX_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final int MAX_BATCH = EventBridgeReplayBus.MAX_ENTRIES_PER_CALL;
    static final int MAX_FAILED_IDS = 50;

    private static final JsonLog LOG = JsonLog.of("replay");

    private final EventStore store;
    private final ReplayBus bus;
    private final Pacing pacing;

    public Replay(EventStore store, ReplayBus bus, Pacing pacing) {
        this.store = store;
        this.bus = bus;
        this.pacing = pacing;
    }

    public ReplayReport replay(ReplayRequest request) {
        return replay(request, () -> false);
    }

    /** @param outOfTime checked before each batch; when true the run stops and reports where to resume */
    public ReplayReport replay(ReplayRequest r, BooleanSupplier outOfTime) {
        long started = pacing.nanoTime();
        // Resolved even on a dry run: a wrong rule name or an unsupported target fails before anything is read.
        Destination destination = switch (r.parsedTarget()) {
            case ReplayTarget.Bus b -> bus.everyRule();
            case ReplayTarget.Rule rule -> bus.rule(rule.name());
        };
        LOG.info(
                "replay started",
                "target",
                destination.description(),
                "streamId",
                r.streamId(),
                "eventTypes",
                r.eventTypes(),
                "from",
                r.from(),
                "to",
                r.to(),
                "ratePerSecond",
                r.ratePerSecond(),
                "dryRun",
                r.dryRun(),
                "maxEvents",
                r.maxEvents());
        int batchSize = Math.min(MAX_BATCH, r.ratePerSecond());
        TokenBucket bucket = new TokenBucket(r.ratePerSecond(), batchSize, pacing);
        Iterator<EventEnvelope> events = StoredEvents.select(store, r);
        Tally tally = new Tally();
        Instant resumeFrom = null;
        boolean capped = false;
        while (events.hasNext()) {
            if (tally.matched >= r.maxEvents()) {
                capped = true;
                break;
            }
            List<EventEnvelope> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && tally.matched + batch.size() < r.maxEvents() && events.hasNext()) {
                batch.add(events.next());
            }
            if (!r.dryRun() && outOfTime.getAsBoolean()) {
                resumeFrom = batch.get(0).timestamp();
                break;
            }
            tally.matched += batch.size();
            if (!r.dryRun()) {
                send(destination, batch.stream().map(EventEnvelope::asReplay).toList(), bucket, pacing, tally);
            }
        }
        ReplayReport report = new ReplayReport(
                r.target(),
                tally.matched,
                tally.sent,
                tally.failed,
                tally.notMatched,
                r.dryRun(),
                Duration.ofNanos(pacing.nanoTime() - started).toMillis(),
                capped,
                resumeFrom,
                tally.failedIds);
        LOG.info(
                "replay finished",
                "target",
                report.target(),
                "matched",
                report.matched(),
                "sent",
                report.sent(),
                "failed",
                report.failed(),
                "notMatched",
                report.notMatched(),
                "dryRun",
                report.dryRun(),
                "capped",
                report.capped(),
                "resumeFrom",
                report.resumeFrom(),
                "elapsedMs",
                report.elapsedMs());
        return report;
    }

    /**
     * Sends one batch as given (a replay marks its events first, a recovery does not), retrying retryable failures
     * with a doubling backoff; every attempt pays its tokens.
     */
    static void send(
            Destination destination, List<EventEnvelope> batch, TokenBucket bucket, Pacing pacing, Tally tally) {
        Map<String, Delivery> outcome = new LinkedHashMap<>();
        // Published as the relay publishes: in the bus form, without the store-only personal data.
        List<EventEnvelope> pending = batch.stream().map(BusPayload::of).toList();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            bucket.take(pending.size());
            List<Delivery> results = destination.send(pending);
            List<EventEnvelope> retry = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Delivery d = results.get(i);
                outcome.put(pending.get(i).eventId(), d);
                if (d.failed() && d.retryable() && attempt < MAX_ATTEMPTS) {
                    retry.add(pending.get(i));
                }
            }
            pending = retry;
            if (!pending.isEmpty()) {
                pacing.sleep(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
            }
        }
        for (EventEnvelope e : batch) {
            Delivery d = outcome.get(e.eventId());
            switch (d.outcome()) {
                case SENT -> tally.sent++;
                case NOT_MATCHED -> tally.notMatched++;
                case FAILED -> {
                    tally.failed++;
                    if (tally.failedIds.size() < MAX_FAILED_IDS) {
                        tally.failedIds.add(e.eventId());
                    }
                    LogContext.set(e.correlationId(), e.eventId(), e.eventType());
                    LOG.warn(
                            "event not sent",
                            null,
                            "errorCode",
                            d.errorCode(),
                            "errorMessage",
                            d.errorMessage(),
                            "streamId",
                            e.streamId(),
                            "sequence",
                            e.sequence());
                    LogContext.clear();
                }
            }
        }
    }

    static final class Tally {
        long matched;
        long sent;
        long failed;
        long notMatched;
        final List<String> failedIds = new ArrayList<>();
    }
}
