package io.eventflow.streams;

import io.eventflow.store.EventStore.Position;
import java.util.List;

/**
 * The event items a failure record's sequence range covers, read back from the DynamoDB stream itself while it
 * still holds them (24 h): DynamoDB Streams ({@link DynamoDbStreamRange}) in production, an in-memory twin in unit
 * tests; one contract suite keeps them alike. What to do when the range is gone is the caller's decision.
 */
public interface StreamRange {
    /**
     * The positions (streamId, sequence) of the event items written by the shard's records
     * {@code startSequenceNumber}..{@code endSequenceNumber}, in stream order, repeats included; other items
     * (eventId guards) are left out.
     *
     * @throws StreamRangeUnavailableException when the stream no longer has the range (trimmed after its 24 h,
     *                                         shard or stream gone)
     * @throws io.eventflow.events.RetryableException when the range could not be read now (the stream did not
     *                                                answer, or has not shown the range's end yet)
     */
    List<Position> positions(StreamFailureRecord batch);
}
