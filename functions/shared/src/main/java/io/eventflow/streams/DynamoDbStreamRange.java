package io.eventflow.streams;

import io.eventflow.events.RetryableException;
import io.eventflow.store.EventItems;
import io.eventflow.store.EventStore.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link StreamRange} on DynamoDB Streams: GetShardIterator AT_SEQUENCE_NUMBER the range's start, then GetRecords
 * until its end. Needs dynamodb:GetShardIterator and dynamodb:GetRecords on the stream. TrimmedDataAccessException
 * and ResourceNotFoundException
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html), and a closed
 * shard that ends before the range does, mean the range is gone; any other failure may pass later.
 */
public final class DynamoDbStreamRange implements StreamRange {
    /** A failure record covers one batch (at most 100 records here): a page or two, unless the shard has empty ones. */
    static final int MAX_PAGES = 20;

    static final int PAGE_SIZE = 100;

    private final DynamoDbStreamsClient streams;

    public DynamoDbStreamRange(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    @Override
    public List<Position> positions(StreamFailureRecord batch) {
        BigInteger end = batch.endSequenceNumber();
        List<Position> out = new ArrayList<>();
        try {
            String iterator = streams.getShardIterator(b -> b.streamArn(batch.streamArn())
                            .shardId(batch.shardId())
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(batch.startSequenceNumber().toString()))
                    .shardIterator();
            for (int page = 0; page < MAX_PAGES; page++) {
                if (iterator == null) {
                    throw new StreamRangeUnavailableException(
                            "shard " + batch.shardId() + " is closed and ends before " + end);
                }
                String current = iterator;
                GetRecordsResponse records =
                        streams.getRecords(b -> b.shardIterator(current).limit(PAGE_SIZE));
                for (Record r : records.records()) {
                    BigInteger sequence = new BigInteger(r.dynamodb().sequenceNumber());
                    if (sequence.compareTo(end) > 0) {
                        return out;
                    }
                    position(r).ifPresent(out::add);
                    if (sequence.equals(end)) {
                        return out;
                    }
                }
                iterator = records.nextShardIterator();
            }
            throw new RetryableException(
                    "shard " + batch.shardId() + " gave no records up to " + end + " in " + MAX_PAGES + " pages");
        } catch (TrimmedDataAccessException | ResourceNotFoundException gone) {
            throw new StreamRangeUnavailableException(
                    "the range is no longer in the stream: " + gone.getClass().getSimpleName(), gone);
        } catch (SdkException e) {
            throw new RetryableException(
                    "stream range not readable: " + e.getClass().getSimpleName(), e);
        }
    }

    /** An event item's key; the eventId guard items of the same appends are not events. */
    private static Optional<Position> position(Record r) {
        Map<String, AttributeValue> image = r.dynamodb().newImage();
        if (image == null
                || image.get(EventItems.KIND) == null
                || !EventItems.KIND_EVENT.equals(image.get(EventItems.KIND).s())
                || image.get(EventItems.STREAM_ID) == null
                || image.get(EventItems.SEQUENCE) == null) {
            return Optional.empty();
        }
        return Optional.of(new Position(
                image.get(EventItems.STREAM_ID).s(),
                Long.parseLong(image.get(EventItems.SEQUENCE).n())));
    }
}
