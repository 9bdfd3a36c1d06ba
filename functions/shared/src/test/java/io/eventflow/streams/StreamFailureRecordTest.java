package io.eventflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.PermanentException;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lambda's on-failure record for a DynamoDB stream batch, in AWS's shape, and everything else refused. */
class StreamFailureRecordTest {
    private static final String ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/eventflow-events-dev/stream/2026-11-28T00:00:00.000";

    /** AWS's shape (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html), one field replaceable. */
    static String body(String field, String json) {
        String info = """
                "shardId":"shardId-00000001795860000000-5e1f3a2b","startSequenceNumber":"100000000000000000000101",\
                "endSequenceNumber":"100000000000000000000104","approximateArrivalOfFirstRecord":"2026-11-28T10:15:30Z",\
                "approximateArrivalOfLastRecord":"2026-11-28T10:15:31Z","batchSize":4,"streamArn":"%s\"""".formatted(ARN);
        if (field != null) {
            info = info.replaceFirst(
                    "\"" + field + "\":(\"[^\"]*\"|\\d+)",
                    json == null ? "\"x-removed\":0" : "\"" + field + "\":" + json);
        }
        return """
                {"requestContext":{"requestId":"4c1b7e2a","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:f",\
                "condition":"RecordAgeExceeded","approximateInvokeCount":412},"responseContext":{"statusCode":200,\
                "executedVersion":"$LATEST","functionError":"Unhandled"},"version":"1.0","timestamp":"2026-11-28T11:15:31.000Z",\
                "DDBStreamBatchInfo":{%s}}""".formatted(info);
    }

    @Test
    void everyFieldOfAnAwsRecordIsRead() {
        StreamFailureRecord r = StreamFailureRecord.parse(body(null, null));

        assertThat(r)
                .isEqualTo(new StreamFailureRecord(
                        ARN,
                        "eventflow-events-dev",
                        "shardId-00000001795860000000-5e1f3a2b",
                        new BigInteger("100000000000000000000101"),
                        new BigInteger("100000000000000000000104"),
                        Instant.parse("2026-11-28T10:15:30Z"),
                        Instant.parse("2026-11-28T10:15:31Z"),
                        4,
                        "RecordAgeExceeded"));
    }

    @Test
    void aOneRecordBatchStartsAndEndsAtOneRecordAndArrivesAtOneInstant() {
        String body = body("endSequenceNumber", "\"100000000000000000000101\"")
                .replace(
                        "\"approximateArrivalOfLastRecord\":\"2026-11-28T10:15:31Z\"",
                        "\"approximateArrivalOfLastRecord\":\"2026-11-28T10:15:30Z\"");

        assertThat(StreamFailureRecord.parse(body).endSequenceNumber())
                .isEqualTo(new BigInteger("100000000000000000000101"));
    }

    @Test
    void theTableIsTheStreamsOwnAndAnotherTablesRecordIsRefused() {
        StreamFailureRecord r = StreamFailureRecord.parse(body(null, null));

        assertThat(r.requireTable("eventflow-events-dev")).isSameAs(r);
        assertThatThrownBy(() -> r.requireTable("someone-elses-table"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("someone-elses-table");
    }

    @Test
    void notJsonOrNoBatchInfoIsRefused() {
        assertThatThrownBy(() -> StreamFailureRecord.parse("not json"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StreamFailureRecord.parse("{\"requestContext\":{},\"SQSBatchInfo\":{}}"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("DDBStreamBatchInfo");
        assertThatThrownBy(() -> StreamFailureRecord.parse("{\"DDBStreamBatchInfo\":{\"shardId\":\"x\"}}"))
                .isInstanceOf(PermanentException.class);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "MISSING",
            value = {
                "streamArn|\"arn:aws:dynamodb:us-east-1:123456789012:table/events\"",
                "streamArn|\"arn:aws:sqs:us-east-1:123456789012:table/events/stream/2026\"",
                "streamArn|\"arn:aws:dynamodb:us-east-1:1234:table/events/stream/2026\"",
                "streamArn|\"see arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2026\"",
                "streamArn|MISSING",
                "shardId|\"shard/../x\"",
                "shardId|\"\"",
                "shardId|7",
                "startSequenceNumber|\"12a\"",
                "startSequenceNumber|\"-1\"",
                "startSequenceNumber|\"100000000000000000000105\"",
                "endSequenceNumber|\"12345678901234567890123456789012345678901\"",
                "endSequenceNumber|MISSING",
                "approximateArrivalOfFirstRecord|\"yesterday\"",
                "approximateArrivalOfFirstRecord|\"2026-11-28T10:15:32Z\"",
                "approximateArrivalOfLastRecord|MISSING",
                "batchSize|0",
                "batchSize|\"4\"",
                "batchSize|MISSING"
            })
    void aFieldThatIsNotWhatAwsSendsIsRefused(String field, String json) {
        assertThatThrownBy(() -> StreamFailureRecord.parse(body(field, json))).isInstanceOf(PermanentException.class);
    }

    @Test
    void aRecordWithoutAConditionHasNone() {
        assertThat(StreamFailureRecord.parse(body(null, null).replace("\"condition\":\"RecordAgeExceeded\",", ""))
                        .condition())
                .isNull();
    }
}
