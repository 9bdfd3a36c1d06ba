package io.eventflow.projector;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.store.EventItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StreamBatches} on DynamoDB Streams: GetShardIterator AT_SEQUENCE_NUMBER the batch's first record, then
 * GetRecords until its last one. Needs dynamodb:GetShardIterator and dynamodb:GetRecords on the stream.
 */
public final class DynamoDbStreamBatches implements StreamBatches {
    /** Pages without records before giving up for now: the range ends in records that exist, so this is rare. */
    static final int MAX_EMPTY_PAGES = 5;

    private final DynamoDbStreamsClient streams;

    public DynamoDbStreamBatches(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    @Override
    public List<String> streamIds(FailedStreamBatch batch) {
        List<String> ids = new ArrayList<>();
        try {
            String iterator = streams.getShardIterator(b -> b.streamArn(batch.streamArn()).shardId(batch.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .sequenceNumber(batch.startSequenceNumber().toString())).shardIterator();
            int emptyPages = 0;
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                for (Record r : page.records()) {
                    BigInteger sequence = new BigInteger(r.dynamodb().sequenceNumber());
                    if (sequence.compareTo(batch.endSequenceNumber()) > 0) {
                        return ids;
                    }
                    AttributeValue id = r.dynamodb().keys().get(EventItems.STREAM_ID);
                    if (id != null && id.s() != null) {
                        ids.add(id.s());
                    }
                    if (sequence.equals(batch.endSequenceNumber())) {
                        return ids;
                    }
                }
                if (page.records().isEmpty() && ++emptyPages >= MAX_EMPTY_PAGES) {
                    throw new RetryableException("shard " + batch.shardId() + " gave no records up to "
                            + batch.endSequenceNumber() + " yet");
                }
                iterator = page.nextShardIterator();
            }
            return ids;     // the shard is closed and ends before the range does
        } catch (TrimmedDataAccessException | ResourceNotFoundException e) {
            throw new PermanentException("the failed batch's records are no longer in the stream: " + e.getMessage(), e);
        }
    }
}
