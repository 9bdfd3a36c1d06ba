package io.eventflow.replay;

import java.util.List;

/**
 * The outcome of one recovery.
 *
 * @param records     failure records received
 * @param recovered   records whose events were all sent, then deleted
 * @param unreadable  records that are no DynamoDB stream failure record: left in the queue (their reasons in
 *                    the log and in {@code problems})
 * @param kept        records with an event that could not be sent: left in the queue, they come back
 * @param events      events the records' windows cover (what a dry run would send)
 * @param sent        events accepted by the bus
 * @param failed      events that still failed after the retries
 * @param stoppedEarly the run stopped before the Lambda timeout with records left: invoke again
 */
public record RecoveryReport(
        long records,
        long recovered,
        long unreadable,
        long kept,
        long events,
        long sent,
        long failed,
        boolean dryRun,
        boolean stoppedEarly,
        long elapsedMs,
        List<String> problems) {
    public RecoveryReport {
        problems = List.copyOf(problems);
    }
}
