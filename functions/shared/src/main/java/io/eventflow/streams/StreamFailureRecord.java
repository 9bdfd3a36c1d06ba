package io.eventflow.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import io.eventflow.events.MalformedEventException;
import io.eventflow.events.PermanentException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DynamoDB stream event source mapping's on-failure record: metadata about the batch it gave up (stream, shard,
 * sequence range, approximate arrival of the first and last record, size), never the records themselves
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). Read from the record's
 * {@code DDBStreamBatchInfo} and {@code requestContext.condition}; anything else is refused.
 *
 * @param table     the table whose stream it is (from the ARN)
 * @param condition why the batch was given up (e.g. RecordAgeExceeded), null when the record does not say
 */
public record StreamFailureRecord(
        String streamArn,
        String table,
        String shardId,
        BigInteger startSequenceNumber,
        BigInteger endSequenceNumber,
        Instant firstArrival,
        Instant lastArrival,
        int batchSize,
        String condition) {
    /** arn:PARTITION:dynamodb:REGION:ACCOUNT:table/TABLE/stream/LABEL */
    private static final Pattern STREAM_ARN = Pattern.compile(
            "^arn:[a-z-]+:dynamodb:[a-z0-9-]+:\\d{12}:table/([A-Za-z0-9_.-]{3,255})/stream/[\\x21-\\x7E]{1,64}$");

    private static final Pattern SHARD_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,65}$");
    private static final Pattern SEQUENCE = Pattern.compile("^[0-9]{1,40}$");

    /**
     * @throws PermanentException when the body is no such record or one of its fields is not what AWS sends
     */
    public static StreamFailureRecord parse(String body) {
        JsonNode root;
        try {
            root = EventJson.parse(body);
        } catch (MalformedEventException e) {
            throw new PermanentException("failure record is not JSON", e);
        }
        JsonNode info = root == null ? null : root.get("DDBStreamBatchInfo");
        if (info == null || !info.isObject()) {
            throw new PermanentException(
                    "failure record has no DDBStreamBatchInfo (not a DynamoDB stream on-failure record)");
        }
        String arn = text(info, "streamArn");
        Matcher m = STREAM_ARN.matcher(arn);
        if (!m.matches()) {
            throw new PermanentException("failure record: DDBStreamBatchInfo.streamArn is not a DynamoDB stream ARN");
        }
        String shard = text(info, "shardId");
        if (!SHARD_ID.matcher(shard).matches()) {
            throw new PermanentException("failure record: DDBStreamBatchInfo.shardId is not a shard id");
        }
        BigInteger start = sequence(info, "startSequenceNumber");
        BigInteger end = sequence(info, "endSequenceNumber");
        if (start.compareTo(end) > 0) {
            throw new PermanentException(
                    "failure record: startSequenceNumber " + start + " is after endSequenceNumber " + end);
        }
        Instant first = instant(info, "approximateArrivalOfFirstRecord");
        Instant last = instant(info, "approximateArrivalOfLastRecord");
        if (last.isBefore(first)) {
            throw new PermanentException("failure record: the last record arrived before the first");
        }
        JsonNode size = info.path("batchSize");
        if (!size.isInt() || size.asInt() < 1) {
            throw new PermanentException("failure record: DDBStreamBatchInfo.batchSize is not a positive number");
        }
        JsonNode condition = root.path("requestContext").path("condition");
        return new StreamFailureRecord(
                arn,
                m.group(1),
                shard,
                start,
                end,
                first,
                last,
                size.asInt(),
                condition.isTextual() ? condition.asText() : null);
    }

    /**
     * This record, when it is of {@code table}'s stream.
     *
     * @throws PermanentException when it names another table's stream
     */
    public StreamFailureRecord requireTable(String table) {
        if (!this.table.equals(table)) {
            throw new PermanentException(
                    "the failure record is of table " + this.table + "'s stream, not " + table + "'s");
        }
        return this;
    }

    private static String text(JsonNode info, String field) {
        JsonNode n = info.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new PermanentException("failure record: DDBStreamBatchInfo." + field + " is missing");
        }
        return n.asText();
    }

    private static BigInteger sequence(JsonNode info, String field) {
        String v = text(info, field);
        if (!SEQUENCE.matcher(v).matches()) {
            throw new PermanentException("failure record: DDBStreamBatchInfo." + field + " is not a sequence number");
        }
        return new BigInteger(v);
    }

    private static Instant instant(JsonNode info, String field) {
        try {
            return Instant.parse(text(info, field));
        } catch (DateTimeParseException e) {
            throw new PermanentException("failure record: DDBStreamBatchInfo." + field + " is not an ISO-8601 instant");
        }
    }
}
