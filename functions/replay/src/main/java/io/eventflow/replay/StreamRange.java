package io.eventflow.replay;

import io.eventflow.store.EventStore.Position;

import java.util.List;
import java.util.Optional;

/**
 * The event items a failure record's sequence range covers, read from the DynamoDB stream itself (exact), as long
 * as the stream still holds the range: DynamoDB Streams ({@link DynamoDbStreamRange}) in production, an in-memory
 * twin in unit tests; one contract suite keeps them alike.
 */
public interface StreamRange {
    /**
     * The positions (streamId, sequence) of the event items written by the records {@code startSequenceNumber}..
     * {@code endSequenceNumber} of the shard, in stream order; other items (eventId guards) are left out.
     *
     * @return empty when the stream no longer has the whole range (trimmed after its 24 h, shard or stream gone)
     */
    Optional<List<Position>> positions(StreamBatchInfo batch);
}
