package io.eventflow.replay;

import java.time.Duration;

/**
 * Rate limit: {@code ratePerSecond} tokens per second, at most {@code capacity} saved up. Taking more tokens
 * than are there is allowed and waits for the debt to refill, so a batch larger than the bucket still passes.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private final Pacing pacing;
    private double tokens;
    private long last;

    public TokenBucket(int ratePerSecond, int capacity, Pacing pacing) {
        if (ratePerSecond < 1 || capacity < 1) {
            throw new IllegalArgumentException("ratePerSecond and capacity must be >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.pacing = pacing;
        this.tokens = capacity;
        this.last = pacing.nanoTime();
    }

    /** Takes {@code n} tokens, sleeping until they are paid for. */
    public void take(int n) {
        refill();
        tokens -= n;
        if (tokens < 0) {
            pacing.sleep(Duration.ofNanos((long) Math.ceil(-tokens / ratePerNano)));
            refill();
        }
    }

    private void refill() {
        long now = pacing.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
