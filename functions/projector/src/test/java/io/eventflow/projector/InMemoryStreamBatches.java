package io.eventflow.projector;

import io.eventflow.events.PermanentException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory twin of {@link DynamoDbStreamBatches}: one stream of shards holding the keys of written items, with
 * a trim horizon (records older than the stream's retention are gone).
 */
final class InMemoryStreamBatches implements StreamBatches {
    static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/eventflow-events-dev/stream/2026-11-28T00:00:00.000";

    record Written(String streamArn, String shardId, BigInteger sequenceNumber, String streamId) {
    }

    private final List<Written> records = new ArrayList<>();
    private BigInteger next = new BigInteger("100000000000000000000000");
    private BigInteger trimmedBefore = BigInteger.ZERO;

    synchronized Written write(String shardId, String streamId) {
        return write(shardId, next.add(BigInteger.valueOf(17)), streamId);
    }

    /** A record at a given sequence number (later than every one before it). */
    synchronized Written write(String shardId, BigInteger sequenceNumber, String streamId) {
        next = sequenceNumber;
        Written w = new Written(STREAM_ARN, shardId, sequenceNumber, streamId);
        records.add(w);
        return w;
    }

    /** Records before {@code sequence} leave the stream. */
    synchronized void trimBefore(BigInteger sequence) {
        trimmedBefore = sequence;
    }

    @Override
    public synchronized List<String> streamIds(FailedStreamBatch batch) {
        if (!STREAM_ARN.equals(batch.streamArn()) || records.stream().noneMatch(r -> r.shardId().equals(batch.shardId()))) {
            throw new PermanentException("Requested resource not found: shard " + batch.shardId());
        }
        if (batch.startSequenceNumber().compareTo(trimmedBefore) < 0) {
            throw new PermanentException("the failed batch's records are no longer in the stream");
        }
        return records.stream().filter(r -> r.shardId().equals(batch.shardId()))
                .filter(r -> r.sequenceNumber().compareTo(batch.startSequenceNumber()) >= 0
                        && r.sequenceNumber().compareTo(batch.endSequenceNumber()) <= 0)
                .map(Written::streamId).toList();
    }
}
