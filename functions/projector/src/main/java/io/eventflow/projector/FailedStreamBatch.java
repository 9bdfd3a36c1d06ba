package io.eventflow.projector;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import io.eventflow.events.MalformedEventException;
import io.eventflow.events.PermanentException;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The stream batch a failure record names: Lambda's OnFailure record for a DynamoDB stream carries no records,
 * only where they were ({@code DDBStreamBatchInfo}: shard, first and last sequence number, stream ARN —
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
public record FailedStreamBatch(String streamArn, String shardId, BigInteger startSequenceNumber,
                                BigInteger endSequenceNumber) {
    /** arn:PARTITION:dynamodb:REGION:ACCOUNT:table/TABLE/stream/LABEL */
    private static final Pattern STREAM_ARN =
            Pattern.compile("^arn:[a-z-]+:dynamodb:[a-z0-9-]+:\\d{12}:table/([A-Za-z0-9_.-]{3,255})/stream/[\\x21-\\x7E]{1,64}$");
    private static final Pattern SHARD_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,65}$");
    private static final Pattern SEQUENCE = Pattern.compile("^[0-9]{1,40}$");

    /**
     * The batch of a failure record of {@code table}'s stream.
     *
     * @throws PermanentException when the body is no such record, or names another table's stream
     */
    public static FailedStreamBatch parse(String body, String table) {
        JsonNode info;
        try {
            info = EventJson.parse(body).path("DDBStreamBatchInfo");
        } catch (MalformedEventException e) {
            throw new PermanentException("not a stream failure record: " + e.getMessage(), e);
        }
        String arn = text(info, "streamArn");
        var m = STREAM_ARN.matcher(arn);
        if (!m.matches()) {
            throw new PermanentException("DDBStreamBatchInfo.streamArn is not a DynamoDB stream ARN");
        }
        if (!m.group(1).equals(table)) {
            throw new PermanentException("the failure record is of table " + m.group(1) + "'s stream, not " + table + "'s");
        }
        String shard = text(info, "shardId");
        if (!SHARD_ID.matcher(shard).matches()) {
            throw new PermanentException("DDBStreamBatchInfo.shardId is not a shard id");
        }
        BigInteger start = sequence(info, "startSequenceNumber");
        BigInteger end = sequence(info, "endSequenceNumber");
        if (start.compareTo(end) > 0) {
            throw new PermanentException("DDBStreamBatchInfo: startSequenceNumber is after endSequenceNumber");
        }
        return new FailedStreamBatch(arn, shard, start, end);
    }

    private static String text(JsonNode info, String field) {
        JsonNode v = info.path(field);
        if (!v.isTextual()) {
            throw new PermanentException("not a stream failure record: no DDBStreamBatchInfo." + field);
        }
        return v.asText();
    }

    private static BigInteger sequence(JsonNode info, String field) {
        String v = text(info, field);
        if (!SEQUENCE.matcher(v).matches()) {
            throw new PermanentException("DDBStreamBatchInfo." + field + " is not a sequence number");
        }
        return new BigInteger(v);
    }
}
