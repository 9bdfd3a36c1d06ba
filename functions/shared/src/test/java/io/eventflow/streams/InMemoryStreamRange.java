package io.eventflow.streams;

import io.eventflow.events.RetryableException;
import io.eventflow.store.EventStore.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link StreamRange} in memory: one stream of shards whose records the test writes ({@link #event}, {@link #guard}),
 * with a trim horizon ({@link #trimBefore}, {@link #trim}) as the stream's 24 h retention has.
 */
public final class InMemoryStreamRange implements StreamRange {
    public static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/eventflow-events-dev/stream/2026-11-28T00:00:00.000";
    public static final String SHARD = "shardId-0001";

    /** One record of a shard: the position of the event item it carries, or none (an eventId guard item). */
    public record Entry(String streamArn, String shardId, BigInteger sequenceNumber, Optional<Position> event) {}

    private final List<Entry> records = new ArrayList<>();
    private BigInteger next = new BigInteger("100000000000000000000000");
    private BigInteger trimmedBefore = BigInteger.ZERO;

    /** An event item's record in {@link #SHARD}, after every record so far. */
    public Entry event(String streamId, long sequence) {
        return event(SHARD, next.add(BigInteger.valueOf(17)), streamId, sequence);
    }

    /** An event item's record at a given sequence number (later than every one before it). */
    public synchronized Entry event(String shardId, BigInteger sequenceNumber, String streamId, long sequence) {
        return add(new Entry(STREAM_ARN, shardId, sequenceNumber, Optional.of(new Position(streamId, sequence))));
    }

    /** An eventId guard item's record in {@link #SHARD}. */
    public Entry guard() {
        return guard(SHARD, next.add(BigInteger.valueOf(17)));
    }

    public synchronized Entry guard(String shardId, BigInteger sequenceNumber) {
        return add(new Entry(STREAM_ARN, shardId, sequenceNumber, Optional.empty()));
    }

    private Entry add(Entry e) {
        next = e.sequenceNumber();
        records.add(e);
        return e;
    }

    public synchronized List<Entry> records() {
        return List.copyOf(records);
    }

    /** Records before {@code sequence} leave the stream. */
    public synchronized void trimBefore(BigInteger sequence) {
        trimmedBefore = sequence;
    }

    /** Every record so far leaves the stream. */
    public synchronized void trim() {
        trimBefore(next.add(BigInteger.ONE));
    }

    @Override
    public synchronized List<Position> positions(StreamFailureRecord batch) {
        List<Entry> shard = records.stream()
                .filter(r -> r.shardId().equals(batch.shardId()))
                .toList();
        if (!STREAM_ARN.equals(batch.streamArn()) || shard.isEmpty()) {
            throw new StreamRangeUnavailableException("Requested resource not found: shard " + batch.shardId());
        }
        if (batch.startSequenceNumber().compareTo(trimmedBefore) < 0) {
            throw new StreamRangeUnavailableException("the range is no longer in the stream");
        }
        if (shard.get(shard.size() - 1).sequenceNumber().compareTo(batch.endSequenceNumber()) < 0) {
            throw new RetryableException(
                    "shard " + batch.shardId() + " gave no records up to " + batch.endSequenceNumber());
        }
        return shard.stream()
                .filter(r -> r.sequenceNumber().compareTo(batch.startSequenceNumber()) >= 0
                        && r.sequenceNumber().compareTo(batch.endSequenceNumber()) <= 0)
                .flatMap(r -> r.event().stream())
                .toList();
    }
}
