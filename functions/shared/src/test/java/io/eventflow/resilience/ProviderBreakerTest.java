package io.eventflow.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.lambda.CircuitOpenException;
import io.eventflow.testing.CapturedLog;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderBreakerTest {
    private final CapturedLog logs = CapturedLog.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final ProviderBreaker breaker = new ProviderBreaker("email-sender", "ses", Duration.ofSeconds(60), clock);
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    private String failing() {
        calls.incrementAndGet();
        throw new RetryableException("SES SendEmail failed: ServiceUnavailable");
    }

    private String rejecting() {
        calls.incrementAndGet();
        throw new PermanentException("SES rejected the email: InvalidParameterValue");
    }

    private String answering() {
        calls.incrementAndGet();
        return "msg-1";
    }

    private void failTimes(int n) {
        for (int i = 0; i < n; i++) {
            assertThatThrownBy(() -> breaker.call(this::failing))
                    .isInstanceOf(RetryableException.class)
                    .isNotInstanceOf(CircuitOpenException.class);
        }
    }

    @Test
    void aProviderThatKeepsFailingIsNoLongerCalled() {
        failTimes(ProviderBreaker.MINIMUM_CALLS);

        assertThat(breaker.open()).isTrue();
        assertThat(breaker.permitsCall()).isFalse();
        assertThatThrownBy(() -> breaker.call(this::answering))
                .isInstanceOf(CircuitOpenException.class)
                .isInstanceOf(RetryableException.class);
        assertThat(calls).hasValue(ProviderBreaker.MINIMUM_CALLS);
        // the metric the CircuitOpen alarms watch, emitted the way every EMF metric is
        assertThat(logs.text())
                .contains("\"consumer\":\"email-sender\",\"CircuitOpen\":1,\"provider\":\"ses\"")
                .contains("\"Name\":\"CircuitOpen\"");
    }

    @Test
    void theCustomersPermanentMistakesDoNotOpenIt() {
        for (int i = 0; i < 3 * ProviderBreaker.WINDOW; i++) {
            assertThatThrownBy(() -> breaker.call(this::rejecting)).isInstanceOf(PermanentException.class);
        }
        assertThat(breaker.open()).isFalse();
        assertThat(breaker.call(this::answering)).isEqualTo("msg-1");
        assertThat(logs.text()).doesNotContain("CircuitOpen");
    }

    @Test
    void afterItsWaitOneCallProbesAndSuccessClosesIt() {
        failTimes(ProviderBreaker.MINIMUM_CALLS);
        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.permitsCall()).isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(breaker.permitsCall()).isTrue(); // half-open
        assertThat(breaker.call(this::answering)).isEqualTo("msg-1");

        assertThat(breaker.open()).isFalse();
        assertThat(breaker.permitsCall()).isTrue();
        assertThat(breaker.call(this::answering)).isEqualTo("msg-1");
    }

    @Test
    void aFailedProbeOpensItAgainAndCountsAgain() {
        failTimes(ProviderBreaker.MINIMUM_CALLS);
        clock.advance(Duration.ofSeconds(61));

        failTimes(1);

        assertThat(breaker.open()).isTrue();
        assertThat(breaker.permitsCall()).isFalse();
        assertThat(logs.text().split("\"CircuitOpen\":1", -1)).hasSize(3); // opened twice
    }

    @Test
    void theDeferralGrowsWithTheReceiveCountSoFiveReceivesSpanALongOutage() {
        assertThat(breaker.deferral(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(breaker.deferral(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(breaker.deferral(3)).isEqualTo(Duration.ofMinutes(25));
        assertThat(breaker.deferral(4)).isEqualTo(Duration.ofHours(2));
        assertThat(breaker.deferral(9)).isEqualTo(Duration.ofHours(2));
        // receives 1 to 4 wait about 2.5 h before the 5th: the outage a message outlasts before it can be dead-lettered
        Duration covered = Duration.ZERO;
        for (int n = 1; n <= 4; n++) {
            covered = covered.plus(breaker.deferral(n));
        }
        assertThat(covered).isGreaterThan(Duration.ofHours(2).plusMinutes(30));
    }
}
