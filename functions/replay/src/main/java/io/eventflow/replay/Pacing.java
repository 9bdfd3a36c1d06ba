package io.eventflow.replay;

import io.eventflow.events.RetryableException;
import java.time.Duration;

/** Time as the replay sees it; tests pass a fake whose sleep only advances its clock. */
public interface Pacing {
    long nanoTime();

    void sleep(Duration duration);

    Pacing SYSTEM = new Pacing() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) {
            try {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableException("interrupted while pacing the replay", e);
            }
        }
    };
}
