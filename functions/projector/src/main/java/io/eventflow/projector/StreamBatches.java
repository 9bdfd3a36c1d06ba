package io.eventflow.projector;

import java.util.List;

/**
 * Reads back the records of a failed stream batch: DynamoDB Streams in production ({@link DynamoDbStreamBatches}),
 * an in-memory twin in unit tests; one contract suite keeps them alike.
 */
public interface StreamBatches {

    /**
     * The event store keys ({@code streamId}) of the batch's records, in stream order, repeats included.
     *
     * @throws io.eventflow.events.PermanentException when the records are no longer in the stream (older than its
     *                                                24 h retention) or the shard does not exist
     */
    List<String> streamIds(FailedStreamBatch batch);
}
