package io.eventflow.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One asynchronous assertion, run by {@link #within}: polls what it observes until it holds, fails at once when it
 * can no longer hold, and otherwise fails at the timeout. Its failure names what was seen last and the order's
 * timeline. An expectation never run fails the test after it ({@link EventflowExtension}).
 *
 * @param <T> what one look observes
 */
public final class Expectation<T> {
    static final Duration POLL = Duration.ofMillis(250);

    private final Flow flow;
    private final String what;
    private final Supplier<T> look;
    private final Predicate<T> holds;
    private final Predicate<T> broken;
    private final Function<T, String> seen;
    private final Supplier<String> context;

    Expectation(
            Flow flow,
            String what,
            Supplier<T> look,
            Predicate<T> holds,
            Predicate<T> broken,
            Function<T, String> seen,
            Supplier<String> context) {
        this.flow = flow;
        this.what = what;
        this.look = look;
        this.holds = holds;
        this.broken = broken;
        this.seen = seen;
        this.context = context;
        flow.pending(this, true);
    }

    /** Waits at most {@code timeout} for it to hold; returns what was seen when it did. */
    public T within(Duration timeout) {
        flow.pending(this, false);
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<RuntimeException> lookFailed = new AtomicReference<>();
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .until(() -> {
                        T v;
                        try {
                            v = look.get();
                        } catch (RuntimeException e) {
                            lookFailed.set(e); // the engine busy or briefly away: look again
                            return false;
                        }
                        last.set(v);
                        lookFailed.set(null);
                        return holds.test(v) || broken.test(v);
                    });
        } catch (ConditionTimeoutException e) {
            throw failure("not within " + seconds(timeout), last.get(), lookFailed.get());
        }
        if (broken.test(last.get())) {
            throw failure("and it no longer can", last.get(), null);
        }
        return last.get();
    }

    private AssertionError failure(String why, T last, RuntimeException lookFailed) {
        StringBuilder m =
                new StringBuilder("expected ").append(what).append(", ").append(why);
        m.append("\nlast seen: ").append(last == null ? "nothing (no look succeeded)" : seen.apply(last));
        if (lookFailed != null) {
            m.append("\nlast look failed: ").append(lookFailed);
        }
        String c;
        try {
            c = context.get();
        } catch (RuntimeException e) {
            c = "(timeline unavailable: " + e.getMessage() + ")";
        }
        if (c != null && !c.isBlank()) {
            m.append("\n").append(c);
        }
        return new AssertionError(m.toString());
    }

    String what() {
        return what;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
