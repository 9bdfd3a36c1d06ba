package io.eventflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpectationTest {
    private final Flow flow = new Flow(null);

    private Expectation<Integer> counting(AtomicInteger n, int target) {
        return new Expectation<>(
                flow,
                "the count to be " + target,
                n::incrementAndGet,
                v -> v == target,
                v -> v > 10,
                v -> "count " + v,
                () -> "timeline: here");
    }

    @Test
    void returnsWhatItSawWhenItHolds() {
        assertThat(counting(new AtomicInteger(), 3).within(Duration.ofSeconds(5)))
                .isEqualTo(3);
        assertThat(flow.unrun()).isEmpty();
    }

    @Test
    void failsAtOnceWhenItCanNoLongerHoldNamingWhatItSawAndTheTimeline() {
        assertThatThrownBy(() -> counting(new AtomicInteger(10), 3).within(Duration.ofSeconds(30)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected the count to be 3, and it no longer can\nlast seen: count 11\ntimeline: here");
    }

    @Test
    void failsAtTheTimeoutWithTheLastLookAndWhyALookFailed() {
        Expectation<Integer> e = new Expectation<>(
                flow,
                "a look",
                () -> {
                    throw new IllegalStateException("engine away");
                },
                v -> true,
                v -> false,
                String::valueOf,
                () -> "");
        assertThatThrownBy(() -> e.within(Duration.ofMillis(600)))
                .hasMessageContaining("expected a look, not within 600 ms")
                .hasMessageContaining("last seen: nothing (no look succeeded)")
                .hasMessageContaining("engine away");
    }

    @Test
    void anExpectationNeverRunIsReported() {
        counting(new AtomicInteger(), 1);
        assertThat(flow.unrun()).containsExactly("the count to be 1");
    }
}
