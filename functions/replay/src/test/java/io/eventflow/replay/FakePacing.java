package io.eventflow.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time that passes only when the code under test sleeps. */
final class FakePacing implements Pacing {
    private long now = 1_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        now += d.toNanos();
    }

    Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
