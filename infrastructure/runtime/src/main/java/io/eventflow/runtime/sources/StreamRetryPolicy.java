package io.eventflow.runtime.sources;

import io.eventflow.emulator.template.Model.StreamSource;
import java.time.Duration;
import java.time.Instant;

/**
 * When a DynamoDB stream event source mapping retries a failed batch, and when it gives up (runtime README, "DynamoDB stream event source mapping";
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html): a function error is retried until
 * the batch has used MaximumRetryAttempts retries (-1 = no count limit) or its oldest record is older than
 * MaximumRecordAgeInSeconds (-1 = until the record expires: a DynamoDB stream keeps records 24 h); then the batch goes to
 * OnFailure. (AWS discards an expired record; the local stream keeps it, so the runtime gives it up at the retention.)
 *
 * <p>AWS documents no delay between those retries, so a retry count is no budget in time. Locally the wait
 * doubles from {@code firstBackoff} up to {@code maxBackoff}, so an endpoint outage is not hammered and the
 * shard resumes within {@code maxBackoff} of its end.
 */
public record StreamRetryPolicy(
        int maximumRetryAttempts, int maximumRecordAgeSeconds, Duration firstBackoff, Duration maxBackoff) {
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    public static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";
    /** How long a DynamoDB stream keeps a record: the age bound of MaximumRecordAgeInSeconds -1. */
    public static final int STREAM_RETENTION_SECONDS = 86_400;

    public static StreamRetryPolicy of(StreamSource source, Duration firstBackoff) {
        return new StreamRetryPolicy(
                source.maximumRetryAttempts(),
                source.maximumRecordAgeSeconds(),
                firstBackoff,
                firstBackoff.compareTo(MAX_BACKOFF) > 0 ? firstBackoff : MAX_BACKOFF);
    }

    /** What to do after a failed invocation of a batch. */
    public sealed interface Decision {
        record Retry(Duration after) implements Decision {}

        /** @param condition the on-failure record's requestContext.condition */
        record GiveUp(String condition) implements Decision {}
    }

    /**
     * @param invokes how often this batch (or the part of it being retried) has been invoked, at least 1
     * @param oldest  ApproximateCreationDateTime of its first record (null: unknown, never too old)
     */
    public Decision afterFailure(int invokes, Instant oldest, Instant now) {
        int retries = invokes - 1;
        if (maximumRetryAttempts >= 0 && retries >= maximumRetryAttempts) {
            return new Decision.GiveUp(RETRIES_EXHAUSTED);
        }
        if (tooOld(oldest, now)) {
            return new Decision.GiveUp(RECORD_AGE_EXCEEDED);
        }
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(retries, 20));
        return new Decision.Retry(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
    }

    /** A record older than MaximumRecordAgeInSeconds (-1: the stream's retention) is not sent to the function any more. */
    public boolean tooOld(Instant created, Instant now) {
        return created != null && created.isBefore(now.minusSeconds(effectiveMaximumAgeSeconds()));
    }

    /** The age after which a record is given up: MaximumRecordAgeInSeconds, or the stream's retention for -1. */
    public int effectiveMaximumAgeSeconds() {
        return maximumRecordAgeSeconds < 0 ? STREAM_RETENTION_SECONDS : maximumRecordAgeSeconds;
    }
}
