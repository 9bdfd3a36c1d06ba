package io.eventflow.idempotency;

import java.time.Duration;

/**
 * @param recordTtl         how long a completed record is remembered: longer than any replay window you use
 * @param inProgressTimeout after this, an INPROGRESS record is considered abandoned (set it to the function timeout)
 */
public record IdempotencySettings(Duration recordTtl, Duration inProgressTimeout) {
    /** INPROGRESS lasts the function timeout: a handling still running is never taken for abandoned. */
    public static final IdempotencySettings DEFAULT = new IdempotencySettings(
            Duration.ofDays(7), Duration.ofSeconds(io.eventflow.aws.Deadlines.FUNCTION_TIMEOUT_SECONDS));
}
