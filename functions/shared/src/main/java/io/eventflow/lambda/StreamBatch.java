package io.eventflow.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.eventflow.events.Failures;
import io.eventflow.log.JsonLog;
import io.eventflow.log.LogContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DynamoDB Streams side of a consumer (ReportBatchItemFailures), as {@link SqsBatch} is the SQS side. A shard's
 * records are handled in stream order, and the first record that fails ends the batch: it is reported as the one
 * batch item failure, by its sequence number, and no later record is handled. Lambda re-sends the shard from the
 * reported record whatever comes after it, so a later record handled now would only be handled twice, and out of
 * order with the failed one.
 *
 * <p>A consumer whose records take effect together once they are all read (one write per order, one PutEvents call
 * for ten events) does that in its finish step, which runs after the records, the failure included, and answers
 * the first record whose effect failed. Such a record was handled before the one that failed, so it is the one
 * reported.
 */
public final class StreamBatch {
    /** One record's part of the work; a throw ends the batch at this record. */
    @FunctionalInterface
    public interface Step {
        void handle(DynamodbEvent.DynamodbStreamRecord record);
    }

    private final JsonLog log;

    public StreamBatch(String consumer) {
        this.log = JsonLog.of(consumer);
    }

    /** Each record in order, up to the first that fails. */
    public StreamsEventResponse process(DynamodbEvent event, Step each) {
        return process(event, each, Optional::empty);
    }

    /**
     * Each record in order, up to the first that fails, then {@code finish}.
     *
     * @param finish the sequence number of the first record whose deferred effect failed, if any
     */
    public StreamsEventResponse process(DynamodbEvent event, Step each, Supplier<Optional<String>> finish) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        DynamodbEvent.DynamodbStreamRecord failed = null;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            LogContext.clear();
            try {
                each.handle(record);
            } catch (RuntimeException e) {
                failed = record;
                logFailure(record, e);
                break;
            } finally {
                LogContext.clear();
            }
        }
        Optional<String> unfinished;
        try {
            unfinished = finish.get();
        } finally {
            LogContext.clear();
        }
        if (unfinished.isPresent()) {
            return failedFrom(unfinished.get());
        }
        return failed == null ? new StreamsEventResponse(List.of()) : failedFrom(sequenceNumber(failed));
    }

    private void logFailure(DynamodbEvent.DynamodbStreamRecord record, RuntimeException e) {
        if (Failures.isRetryable(e)) {
            log.warn(
                    "record failed; the batch is retried from it",
                    e,
                    "sequenceNumber",
                    sequenceNumber(record),
                    "eventID",
                    record.getEventID());
        } else {
            log.error(
                    "record cannot be handled; it holds its shard until MaximumRecordAgeInSeconds, then goes to the"
                            + " on-failure destination",
                    e,
                    "sequenceNumber",
                    sequenceNumber(record),
                    "eventID",
                    record.getEventID());
        }
    }

    /** Null for a record without stream data: reported so, Lambda retries the whole batch. */
    private static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    private static StreamsEventResponse failedFrom(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
    }
}
