package io.eventflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream order per shard: the first record that fails is the one reported, and nothing after it is handled. */
class StreamBatchTest {
    private final CapturedLog logs = CapturedLog.start();
    private final StreamBatch batch = new StreamBatch("test");
    private final List<String> handled = new ArrayList<>();

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    private static DynamodbEvent recordsNumbered(String... sequenceNumbers) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (String n : sequenceNumbers) {
            DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
            r.setEventID("id-" + n);
            r.setDynamodb(new StreamRecord().withSequenceNumber(n));
            records.add(r);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private void handle(DynamodbEvent.DynamodbStreamRecord record) {
        handled.add(record.getDynamodb().getSequenceNumber());
    }

    /** Handles a record, failing with {@code failure} at {@code sequenceNumber}. */
    private StreamBatch.Step failingAt(String sequenceNumber, RuntimeException failure) {
        return record -> {
            if (record.getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
                throw failure;
            }
            handle(record);
        };
    }

    @Test
    void everyRecordIsHandledInOrderAndNoneIsReported() {
        StreamsEventResponse response = batch.process(recordsNumbered("100", "200", "300"), this::handle);

        assertThat(handled).containsExactly("100", "200", "300");
        assertThat(failures(response)).isEmpty();
    }

    @Test
    void theFirstFailedRecordIsReportedAndNoLaterRecordIsHandled() {
        StreamsEventResponse response = batch.process(
                recordsNumbered("100", "200", "300", "400"),
                failingAt("200", new RetryableException("table unavailable")));

        assertThat(handled).containsExactly("100");
        assertThat(failures(response)).containsExactly("200");
        assertThat(logs.text())
                .contains("record failed; the batch is retried from it")
                .contains("\"sequenceNumber\":\"200\"")
                .contains("\"eventID\":\"id-200\"");
    }

    @Test
    void aRecordThatCanNeverBeHandledIsReportedTheSameWayAndLoggedAsAnError() {
        StreamsEventResponse response = batch.process(
                recordsNumbered("100", "200", "300"), failingAt("100", new PermanentException("not an event")));

        assertThat(handled).isEmpty();
        assertThat(failures(response)).containsExactly("100");
        assertThat(logs.text()).contains("\"level\":\"ERROR\"").contains("record cannot be handled");
    }

    @Test
    void theFinishStepRunsAfterTheRecordsEvenWhenOneFailed() {
        List<String> finishedWith = new ArrayList<>();

        StreamsEventResponse response = batch.process(
                recordsNumbered("100", "200", "300"), failingAt("300", new RetryableException("boom")), () -> {
                    finishedWith.addAll(handled);
                    return Optional.empty();
                });

        assertThat(finishedWith).containsExactly("100", "200");
        assertThat(failures(response)).containsExactly("300");
    }

    /** The finish step only covers records handled before the failure: what it reports comes first. */
    @Test
    void aRecordTheFinishStepReportsIsReportedInsteadOfTheFailedOne() {
        StreamsEventResponse response = batch.process(
                recordsNumbered("100", "200", "300"),
                failingAt("300", new RetryableException("boom")),
                () -> Optional.of("200"));

        assertThat(failures(response)).containsExactly("200");
    }

    @Test
    void aFinishStepFailureIsReportedWhenEveryRecordWasHandled() {
        StreamsEventResponse response =
                batch.process(recordsNumbered("100", "200"), this::handle, () -> Optional.of("100"));

        assertThat(handled).containsExactly("100", "200");
        assertThat(failures(response)).containsExactly("100");
    }

    @Test
    void anEmptyOrMissingBatchSucceedsAndStillFinishes() {
        List<String> finished = new ArrayList<>();
        StreamBatch.Step never = record -> {
            throw new AssertionError("no record");
        };

        assertThat(failures(batch.process(new DynamodbEvent(), never, () -> {
                    finished.add("empty");
                    return Optional.empty();
                })))
                .isEmpty();
        assertThat(failures(batch.process(null, never))).isEmpty();
        assertThat(finished).containsExactly("empty");
    }
}
