package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.sources.StreamRetryPolicy;
import io.eventflow.runtime.sources.StreamRetryPolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream pollers' retry budget, on its own and with the settings of the project's template.yaml. */
class StreamRetryPolicyTest {
    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    private static List<Model.StreamSource> projectStreamSources() {
        Template t = Template.load(
                RepoRoot.find().resolve("template.yaml"),
                Map.of(),
                TestTemplates.ACCOUNT,
                TestTemplates.urls("http://127.0.0.1:1"));
        return t.functions().stream()
                .flatMap(f -> f.events().stream())
                .filter(Model.StreamSource.class::isInstance)
                .map(Model.StreamSource.class::cast)
                .toList();
    }

    /**
     * Runs a batch whose every invocation fails (each takes {@code invokeMillis}) against the policy until it
     * gives up or {@code horizon} has passed; returns the give-up condition and when, or null.
     */
    private static Object[] failUntil(StreamRetryPolicy policy, Duration horizon, long invokeMillis) {
        Instant now = T0;
        for (int invokes = 1; now.isBefore(T0.plus(horizon)); invokes++) {
            now = now.plusMillis(invokeMillis);
            Decision d = policy.afterFailure(invokes, T0, now);
            if (d instanceof Decision.GiveUp g) {
                return new Object[] {g.condition(), Duration.between(T0, now)};
            }
            now = now.plus(((Decision.Retry) d).after());
        }
        return null;
    }

    /** The 10 s endpoint outage of the chaos run: no stream consumer of the template gives a record up. */
    @Test
    void theTemplatesStreamConsumersRideOutATenSecondOutageAndMore() {
        List<Model.StreamSource> sources = projectStreamSources();
        assertThat(sources).hasSizeGreaterThanOrEqualTo(2);
        for (Model.StreamSource s : sources) {
            StreamRetryPolicy policy = StreamRetryPolicy.of(s, FIRST);
            assertThat(failUntil(policy, Duration.ofSeconds(10), 50))
                    .as(s.name() + " in a 10 s outage")
                    .isNull();
            assertThat(failUntil(policy, Duration.ofMinutes(30), 0))
                    .as(s.name() + " in a 30 min outage")
                    .isNull();
            // AWS gives a count no time (it documents no delay between retries): the budget must be the age
            assertThat(s.maximumRetryAttempts())
                    .as(s.name() + " MaximumRetryAttempts")
                    .isEqualTo(-1);
            assertThat(s.maximumRecordAgeSeconds())
                    .as(s.name() + " MaximumRecordAgeInSeconds")
                    .isBetween(3600, 86_400);
        }
    }

    @Test
    void aRecordThatKeepsFailingGoesToOnFailureOnceOlderThanItsMaximumAge() {
        StreamRetryPolicy policy = new StreamRetryPolicy(-1, 60, FIRST, StreamRetryPolicy.MAX_BACKOFF);

        Object[] gaveUp = failUntil(policy, Duration.ofMinutes(5), 10);

        assertThat(gaveUp).isNotNull();
        assertThat(gaveUp[0]).isEqualTo(StreamRetryPolicy.RECORD_AGE_EXCEEDED);
        assertThat((Duration) gaveUp[1]).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(63));
    }

    /**
     * Why the template's stream mappings retry by age rather than by count: 5 retries at a fixed 200 ms wait are
     * spent in about a second, well inside a 10 s outage.
     */
    @Test
    void aRetryCountIsSpentInSecondsWhateverTheOutage() {
        StreamRetryPolicy policy = new StreamRetryPolicy(5, 21_600, FIRST, FIRST);

        Object[] gaveUp = failUntil(policy, Duration.ofSeconds(10), 50);

        assertThat(gaveUp).isNotNull();
        assertThat(gaveUp[0]).isEqualTo(StreamRetryPolicy.RETRIES_EXHAUSTED);
        assertThat((Duration) gaveUp[1]).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theWaitDoublesUpToItsCap() {
        StreamRetryPolicy policy = new StreamRetryPolicy(-1, -1, FIRST, StreamRetryPolicy.MAX_BACKOFF);

        List<Duration> waits = java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(i -> ((Decision.Retry) policy.afterFailure(i, null, T0)).after())
                .toList();

        assertThat(waits).extracting(Duration::toMillis).containsExactly(200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
        assertThat(policy.afterFailure(1_000_000, T0.minus(Duration.ofHours(23)), T0))
                .isInstanceOf(Decision.Retry.class);
    }

    /** -1 is no budget of its own: the record is retried while the stream keeps it (24 h), then given up. */
    @Test
    void minusOneMeansTheStreamsRetention() {
        StreamRetryPolicy policy = new StreamRetryPolicy(-1, -1, FIRST, StreamRetryPolicy.MAX_BACKOFF);

        assertThat(policy.afterFailure(1_000_000, T0.minus(Duration.ofHours(23)), T0))
                .isInstanceOf(Decision.Retry.class);
        assertThat(policy.afterFailure(1_000_000, T0.minus(Duration.ofHours(24)).minusSeconds(1), T0))
                .isEqualTo(new Decision.GiveUp(StreamRetryPolicy.RECORD_AGE_EXCEEDED));
    }

    /**
     * The relay's budget is the stream's whole retention: a bus or concurrency outage of a working day gives no
     * record up (recovery is for what outlasts the stream itself).
     */
    @Test
    void theRelayRetriesForTheStreamsWholeRetention() {
        Model.StreamSource relay = projectStreamSources().stream()
                .filter(s -> s.onFailureArn() != null && s.onFailureArn().contains("relay-failures"))
                .findFirst()
                .orElseThrow();
        StreamRetryPolicy policy = StreamRetryPolicy.of(relay, FIRST);

        assertThat(failUntil(policy, Duration.ofHours(23), 0))
                .as("a 23 h bus outage")
                .isNull();
        assertThat(policy.effectiveMaximumAgeSeconds()).isEqualTo(StreamRetryPolicy.STREAM_RETENTION_SECONDS);
    }
}
