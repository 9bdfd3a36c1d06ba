package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.streams.StreamFailureRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What recovery relies on from the failure queue, on SQS (emulator) and the in-memory twin alike. */
abstract class FailureRecordsContract {
    protected abstract FailureRecords records();

    /** Puts a record in the queue the way the event source mapping does. */
    protected abstract void send(String body);

    /** Everything still in the queue, hidden or not. */
    protected abstract int remaining();

    /** An on-failure record of a DynamoDB stream event source mapping, in AWS's shape. */
    static String failureRecord(String firstSequence, String lastSequence, Instant first, Instant last, int batchSize) {
        return """
                {"requestContext":{"requestId":"%s","functionArn":"arn:aws:lambda:us-east-1:000000000000:function:relay",\
                "condition":"RecordAgeExceeded","approximateInvokeCount":7},\
                "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},\
                "version":"1.0","timestamp":"%s","DDBStreamBatchInfo":{"shardId":"shardId-0001","startSequenceNumber":"%s",\
                "endSequenceNumber":"%s","approximateArrivalOfFirstRecord":"%s","approximateArrivalOfLastRecord":"%s",\
                "batchSize":%d,"streamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026"}}""".formatted(
                        UUID.randomUUID(), last.plusSeconds(3600), firstSequence, lastSequence, first, last, batchSize);
    }

    @Test
    void aSentRecordIsReceivedAsSentAndHiddenFromTheNextReceive() {
        String body = failureRecord(
                "100", "105", Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:02Z"), 6);
        send(body);

        List<FailureRecords.Received> got = records().receive(10, 60);

        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo(body);
            assertThat(r.messageId()).isNotBlank();
            assertThat(r.handle()).isNotBlank();
        });
        assertThat(StreamFailureRecord.parse(got.get(0).body()).endSequenceNumber())
                .isEqualTo(new java.math.BigInteger("105"));
        assertThat(records().receive(10, 60)).isEmpty();
        assertThat(remaining()).isEqualTo(1);
    }

    @Test
    void aReleasedRecordIsReceivedAgain() {
        send(failureRecord("7", "7", Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"), 1));
        FailureRecords.Received first = records().receive(10, 60).get(0);

        records().release(first);

        assertThat(records().receive(10, 60))
                .singleElement()
                .satisfies(r -> assertThat(r.messageId()).isEqualTo(first.messageId()));
    }

    @Test
    void aDeletedRecordIsGoneAndReceiveTakesAtMostWhatItAsks() {
        for (int i = 0; i < 3; i++) {
            send(failureRecord(
                    Integer.toString(i),
                    Integer.toString(i),
                    Instant.parse("2026-12-01T10:00:00Z"),
                    Instant.parse("2026-12-01T10:00:00Z"),
                    1));
        }

        List<FailureRecords.Received> first = records().receive(1, 60);
        assertThat(first).hasSize(1);
        records().delete(first.get(0));

        assertThat(remaining()).isEqualTo(2);
        assertThat(records().receive(10, 60)).hasSize(2);
    }
}
