package io.eventflow.replay;

import io.eventflow.store.EventStore.Position;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link StreamRange} in memory: one shard of one stream, whose records the test writes ({@link #event}, {@link #guard});
 * {@link #trim} drops them all, as the 24 h retention does.
 */
public final class InMemoryStreamRange implements StreamRange {
    public static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026-12-01T00:00:00.000";
    public static final String SHARD = "shardId-0001";

    /** One record of the shard: the position of the event item it carries, or none (a guard item). */
    public record Entry(String sequenceNumber, Optional<Position> event) {
    }

    private final List<Entry> records = new ArrayList<>();
    private long next = 100;
    private boolean trimmed;

    public synchronized Entry event(String streamId, long sequence) {
        Entry e = new Entry(Long.toString(next++), Optional.of(new Position(streamId, sequence)));
        records.add(e);
        return e;
    }

    public synchronized Entry guard() {
        Entry e = new Entry(Long.toString(next++), Optional.empty());
        records.add(e);
        return e;
    }

    public synchronized List<Entry> records() {
        return List.copyOf(records);
    }

    public synchronized void trim() {
        trimmed = true;
    }

    @Override
    public synchronized Optional<List<Position>> positions(StreamBatchInfo batch) {
        if (trimmed || !STREAM_ARN.equals(batch.streamArn()) || !SHARD.equals(batch.shardId())) {
            return Optional.empty();
        }
        BigInteger start = new BigInteger(batch.startSequenceNumber());
        BigInteger end = new BigInteger(batch.endSequenceNumber());
        if (records.stream().noneMatch(e -> new BigInteger(e.sequenceNumber()).equals(start))) {
            return Optional.empty();
        }
        return Optional.of(records.stream().filter(e -> {
            BigInteger s = new BigInteger(e.sequenceNumber());
            return s.compareTo(start) >= 0 && s.compareTo(end) <= 0;
        }).flatMap(e -> e.event().stream()).toList());
    }
}
