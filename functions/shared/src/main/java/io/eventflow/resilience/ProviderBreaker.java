package io.eventflow.resilience;

import io.eventflow.aws.Environment;
import io.eventflow.events.Failures;
import io.eventflow.lambda.CircuitOpenException;
import io.eventflow.lambda.ProviderGate;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A circuit breaker (resilience4j) around one outside provider: the card processor, SES, SMS. When at least half of
 * the last {@value #WINDOW} calls (and {@value #MINIMUM_CALLS} or more) failed, it opens: the provider is not called
 * for {@code PROVIDER_BREAKER_WAIT_SECONDS} (default 60), then one call probes it (half-open); success closes the
 * breaker, failure opens it again.
 *
 * <p>What counts as the provider failing is {@link Failures#isRetryable}, the same decision that has the batch retry
 * a message: a {@link io.eventflow.events.PermanentException} (the customer's invalid address, a refused country, a
 * declined card) means the provider answered, so it counts as a success.
 *
 * <p>The state lives in memory, per Lambda environment (docs/ARCHITECTURE.md, "Failures"): each environment learns
 * of an outage from its own {@value #MINIMUM_CALLS} failed calls, and a consumer has at most its event source
 * mapping's MaximumConcurrency environments; a shared state would cost a read per message and fail with its store.
 */
public final class ProviderBreaker implements ProviderGate {
    public static final int WINDOW = 10;
    /**
     * Few, so that even a lone message opens the breaker before it spends its receives: at most
     * MINIMUM_CALLS - 1 of its maxReceiveCount 5 go to failed calls, every later failure is deferred.
     */
    public static final int MINIMUM_CALLS = 3;
    /** Deferral on the n-th receive: wait x 5^(n-1), at most the longest deferral. */
    static final int DEFERRAL_FACTOR = 5;

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_DEFERRAL = Duration.ofHours(2);

    private final CircuitBreaker breaker;
    private final String provider;
    private final Duration wait;
    private final Duration maxDeferral;

    /** With the default longest deferral (2 h). */
    public ProviderBreaker(String consumer, String provider, Duration wait, Clock clock) {
        this(consumer, provider, wait, DEFAULT_MAX_DEFERRAL, clock);
    }

    public ProviderBreaker(String consumer, String provider, Duration wait, Duration maxDeferral, Clock clock) {
        this.provider = provider;
        this.wait = wait;
        this.maxDeferral = maxDeferral;
        this.breaker = CircuitBreaker.of(
                provider,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(WINDOW)
                        .minimumNumberOfCalls(MINIMUM_CALLS)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(wait)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        // No scheduler thread (a frozen Lambda environment runs none): the first call after the wait
                        // half-opens it.
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .recordException(Failures::isRetryable)
                        .clock(clock)
                        .build());
        JsonLog log = JsonLog.of(consumer);
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                Metrics.circuitOpen(consumer, provider, clock);
                log.warn(
                        "provider circuit open: " + provider + " kept failing; messages wait on the queue",
                        null,
                        "provider",
                        provider,
                        "transition",
                        e.getStateTransition().name(),
                        "waitSeconds",
                        wait.toSeconds());
            } else {
                log.info(
                        "provider circuit " + to.name().toLowerCase(java.util.Locale.ROOT),
                        "provider",
                        provider,
                        "transition",
                        e.getStateTransition().name());
            }
        });
    }

    /**
     * The wait ({@code PROVIDER_BREAKER_WAIT_SECONDS}, else {@link #DEFAULT_WAIT}) and the longest deferral
     * ({@code PROVIDER_DEFERRAL_MAX_SECONDS}, else {@link #DEFAULT_MAX_DEFERRAL}) from the function's environment.
     */
    public static ProviderBreaker fromEnvironment(String consumer, String provider, Clock clock) {
        return new ProviderBreaker(
                consumer,
                provider,
                seconds("PROVIDER_BREAKER_WAIT_SECONDS", 3600, DEFAULT_WAIT),
                seconds("PROVIDER_DEFERRAL_MAX_SECONDS", 43_200, DEFAULT_MAX_DEFERRAL),
                clock);
    }

    private static Duration seconds(String variable, long max, Duration fallback) {
        return Environment.get(variable)
                .map(s -> {
                    try {
                        long seconds = Long.parseLong(s.trim());
                        if (seconds < 1 || seconds > max) {
                            throw new NumberFormatException();
                        }
                        return Duration.ofSeconds(seconds);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(variable + ": '" + s + "' is not 1 to " + max + " seconds");
                    }
                })
                .orElse(fallback);
    }

    /**
     * Calls the provider through the breaker.
     *
     * @throws CircuitOpenException when the breaker is open (the provider is not called)
     */
    public <T> T call(Supplier<T> providerCall) {
        try {
            return breaker.executeSupplier(providerCall);
        } catch (CallNotPermittedException e) {
            throw new CircuitOpenException(provider);
        }
    }

    @Override
    public boolean permitsCall() {
        // Acquiring is what moves an open breaker whose wait has passed to half-open; the permission is handed
        // back at once, and the message's own call through call() takes it again.
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        breaker.releasePermission();
        return true;
    }

    /**
     * wait x 5^(n-1), at most the longest deferral (2 h; ChangeMessageVisibility allows 12 h): with the 60 s default,
     * receives 1 to 4 wait 1 min, 5 min, 25 min and 2 h, so the
     * five receives of maxReceiveCount cover an outage of about 2.5 h before a message can reach its DLQ. A message
     * whose own failed calls opened the breaker (receives 1 and 2 back after the queue's 120 s visibility timeout,
     * receive 3 deferred 25 min, receive 4 2 h) outlasts about as long.
     */
    @Override
    public Duration deferral(int receiveCount) {
        Duration d = wait;
        for (int i = 1; i < Math.max(1, receiveCount) && d.compareTo(maxDeferral) < 0; i++) {
            d = d.multipliedBy(DEFERRAL_FACTOR);
        }
        return d.compareTo(maxDeferral) > 0 ? maxDeferral : d;
    }

    public boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    public String provider() {
        return provider;
    }
}
