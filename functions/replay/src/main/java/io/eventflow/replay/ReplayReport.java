package io.eventflow.replay;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one replay.
 *
 * @param matched      events read from the store that fit the request (at most maxEvents)
 * @param sent         events accepted by the destination
 * @param failed       events that still failed after the retries (their ids, up to 50, in failedEventIds)
 * @param notMatched   rule targets only: events the rule's pattern does not match, not sent
 * @param capped       true when more events matched than maxEvents
 * @param resumeFrom   set when the run stopped before the Lambda timeout: the timestamp of the first
 *                     event not sent; call again with {@code from} = this value
 */
public record ReplayReport(
        String target,
        long matched,
        long sent,
        long failed,
        long notMatched,
        boolean dryRun,
        long elapsedMs,
        boolean capped,
        Instant resumeFrom,
        List<String> failedEventIds) {
    public ReplayReport {
        failedEventIds = List.copyOf(failedEventIds);
    }
}
