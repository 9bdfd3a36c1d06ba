package io.eventflow.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import io.eventflow.events.PermanentException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a stream event source mapping's on-failure record says about the batch it gave up: metadata only (shard,
 * sequence range, approximate arrival of the first and last record), never the records themselves
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). Read from the record's
 * {@code DDBStreamBatchInfo}; anything else is refused.
 */
public record StreamBatchInfo(String streamArn, String shardId, String startSequenceNumber, String endSequenceNumber,
                              Instant firstArrival, Instant lastArrival, int batchSize, String condition) {

    public static StreamBatchInfo parse(String body) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new PermanentException("failure record is not JSON");
        }
        JsonNode info = root == null ? null : root.get("DDBStreamBatchInfo");
        if (info == null || !info.isObject()) {
            throw new PermanentException("failure record has no DDBStreamBatchInfo (not a DynamoDB stream on-failure record)");
        }
        Instant first = instant(info, "approximateArrivalOfFirstRecord");
        Instant last = instant(info, "approximateArrivalOfLastRecord");
        if (last.isBefore(first)) {
            throw new PermanentException("failure record: last record arrived before the first");
        }
        String streamArn = text(info, "streamArn");
        if (!streamArn.startsWith("arn:") || !streamArn.contains(":dynamodb:") || !streamArn.contains("/stream/")) {
            throw new PermanentException("failure record: DDBStreamBatchInfo.streamArn is not a DynamoDB stream ARN");
        }
        String start = text(info, "startSequenceNumber");
        String end = text(info, "endSequenceNumber");
        if (!start.matches("[0-9]{1,40}") || !end.matches("[0-9]{1,40}")
                || new java.math.BigInteger(end).compareTo(new java.math.BigInteger(start)) < 0) {
            throw new PermanentException("failure record: the sequence range " + start + ".." + end + " is not one");
        }
        return new StreamBatchInfo(streamArn, text(info, "shardId"), start, end,
                first, last, info.path("batchSize").asInt(0), root.path("requestContext").path("condition").asText(null));
    }

    private static String text(JsonNode info, String field) {
        JsonNode n = info.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new PermanentException("failure record: DDBStreamBatchInfo." + field + " is missing");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode info, String field) {
        try {
            return Instant.parse(text(info, field));
        } catch (DateTimeParseException e) {
            throw new PermanentException("failure record: DDBStreamBatchInfo." + field + " is not an ISO-8601 instant");
        }
    }
}
