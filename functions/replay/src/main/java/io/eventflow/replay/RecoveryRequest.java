package io.eventflow.replay;

import io.eventflow.events.PermanentException;
import io.eventflow.events.StrictJson;
import java.util.Map;

/**
 * {@code {"mode": "recover", ...}}: deliver what the relay never delivered. Every failure record in the relay's
 * failure queue is turned into a re-publication of the events its batch covered, as first deliveries.
 *
 * @param ratePerSecond events per second, 1..{@value ReplayRequest#MAX_RATE}, default {@value ReplayRequest#DEFAULT_RATE}
 * @param dryRun        count the records and the events they cover; send and delete nothing
 * @param maxRecords    failure records to work through in this run, 1..{@value #MAX_RECORDS_LIMIT}, default {@value #DEFAULT_MAX_RECORDS}
 */
public record RecoveryRequest(String mode, Integer ratePerSecond, Boolean dryRun, Integer maxRecords) {
    public static final String MODE = "recover";
    public static final int DEFAULT_MAX_RECORDS = 1_000;
    public static final int MAX_RECORDS_LIMIT = 100_000;

    public RecoveryRequest {
        if (!MODE.equals(mode)) {
            throw new PermanentException("mode must be \"" + MODE + "\", got \"" + mode + "\"");
        }
        ratePerSecond = ratePerSecond == null ? ReplayRequest.DEFAULT_RATE : ratePerSecond;
        dryRun = dryRun != null && dryRun;
        maxRecords = maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
        if (ratePerSecond < 1 || ratePerSecond > ReplayRequest.MAX_RATE) {
            throw new PermanentException(
                    "ratePerSecond must be 1.." + ReplayRequest.MAX_RATE + ", got " + ratePerSecond);
        }
        if (maxRecords < 1 || maxRecords > MAX_RECORDS_LIMIT) {
            throw new PermanentException("maxRecords must be 1.." + MAX_RECORDS_LIMIT + ", got " + maxRecords);
        }
    }

    /** Whether a manual-invoke payload asks for a recovery rather than a replay. */
    public static boolean asked(Map<String, ?> payload) {
        return payload != null && MODE.equals(payload.get("mode"));
    }

    /** Reads a manual-invoke payload; unknown fields are refused (a misspelt dryRun must not send). */
    public static RecoveryRequest fromJson(Map<String, ?> payload) {
        return StrictJson.read(payload, RecoveryRequest.class, "recover request");
    }
}
