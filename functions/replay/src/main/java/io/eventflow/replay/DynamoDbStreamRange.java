package io.eventflow.replay;

import io.eventflow.log.JsonLog;
import io.eventflow.store.EventItems;
import io.eventflow.store.EventStore.Position;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link StreamRange} on DynamoDB Streams: GetShardIterator AT_SEQUENCE_NUMBER the range's start, then GetRecords
 * until a record past its end. A range the stream no longer has (TrimmedDataAccessException, ResourceNotFound), one
 * that cannot be read, or whose end does not show within {@link #MAX_PAGES} pages is answered empty: recovery then
 * uses the time window, which covers it too.
 */
public final class DynamoDbStreamRange implements StreamRange {
    /** A failure record covers at most one batch (100 records): a few pages, unless the shard has empty ones. */
    static final int MAX_PAGES = 20;

    private static final JsonLog LOG = JsonLog.of("replay");

    private final DynamoDbStreamsClient streams;

    public DynamoDbStreamRange(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    @Override
    public Optional<List<Position>> positions(StreamBatchInfo batch) {
        BigInteger end = new BigInteger(batch.endSequenceNumber());
        List<Position> out = new ArrayList<>();
        try {
            String iterator = streams.getShardIterator(b -> b.streamArn(batch.streamArn()).shardId(batch.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(batch.startSequenceNumber()))
                    .shardIterator();
            for (int page = 0; page < MAX_PAGES && iterator != null; page++) {
                String it = iterator;
                GetRecordsResponse records = streams.getRecords(b -> b.shardIterator(it).limit(100));
                for (Record r : records.records()) {
                    BigInteger seq = new BigInteger(r.dynamodb().sequenceNumber());
                    if (seq.compareTo(end) > 0) {
                        return Optional.of(out);
                    }
                    position(r).ifPresent(out::add);
                    if (seq.equals(end)) {
                        return Optional.of(out);
                    }
                }
                iterator = records.nextShardIterator();
            }
            return Optional.empty();
        } catch (TrimmedDataAccessException | ResourceNotFoundException | ExpiredIteratorException gone) {
            return Optional.empty();
        } catch (SdkException e) {
            // Any other failure to read the range: the time window covers it too (more events, the same effect).
            LOG.warn("stream range not readable; recovering by time window", e, "shardId", batch.shardId(),
                    "startSequenceNumber", batch.startSequenceNumber());
            return Optional.empty();
        }
    }

    /** An event item's key; the eventId guard items of the same appends are not events. */
    private static Optional<Position> position(Record r) {
        Map<String, AttributeValue> image = r.dynamodb().newImage();
        if (image == null || image.get(EventItems.KIND) == null || !EventItems.KIND_EVENT.equals(image.get(EventItems.KIND).s())
                || image.get(EventItems.STREAM_ID) == null || image.get(EventItems.SEQUENCE) == null) {
            return Optional.empty();
        }
        return Optional.of(new Position(image.get(EventItems.STREAM_ID).s(), Long.parseLong(image.get(EventItems.SEQUENCE).n())));
    }
}
