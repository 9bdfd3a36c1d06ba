package io.eventflow.chaos;

import io.eventflow.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * SDK clients for the chaos driver and its checks, which talk to the engine straight (not through the proxy).
 * On a loaded machine the engine can be slower than one SDK call timeout for a while; the driver's verdict must
 * not depend on that. So each attempt may take one call timeout ({@link AwsClients#API_CALL_TIMEOUT}), the reads
 * that use these clients ask for bounded pages ({@link #PAGE}), and a request the engine answered too slowly, with
 * a 5xx or a throttle is tried again (at most {@link #MAX_ATTEMPTS} times, backing off up to {@link #MAX_BACKOFF})
 * instead of failing the run. How often that happened, by operation, is part of the run's report.
 */
final class PatientClients {
    /** Items per scan page: a page the engine answers well within one attempt, even while it is busy. */
    static final int PAGE = 250;

    static final int MAX_ATTEMPTS = 8;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
            new ExecutionAttribute<>("eventflow.chaos.attempts");

    private final Duration attemptTimeout;
    private final Duration firstBackoff;
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

    PatientClients() {
        this(AwsClients.API_CALL_TIMEOUT, Duration.ofMillis(500));
    }

    /** @param firstBackoff the wait before the first retry; each next one waits about twice as long */
    PatientClients(Duration attemptTimeout, Duration firstBackoff) {
        this.attemptTimeout = attemptTimeout;
        this.firstBackoff = firstBackoff;
    }

    /** The project's client settings, with this class's attempt timeout, retries and retry count. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return AwsClients.configure(builder)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(attemptTimeout)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(firstBackoff, MAX_BACKOFF))
                                .throttlingBackoffStrategy(
                                        BackoffStrategy.exponentialDelay(firstBackoff.multipliedBy(2), MAX_BACKOFF))
                                // the token bucket stops retrying after a run of failures: a slow engine is such a run
                                .circuitBreakerEnabled(false)
                                .build())
                        .addExecutionInterceptor(new Counter())
                        .build());
    }

    /** Requests tried again, by operation (e.g. {@code Scan=2}); empty when the engine always answered in time. */
    Map<String, Long> retries() {
        Map<String, Long> out = new TreeMap<>();
        retries.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    long totalRetries() {
        return retries.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts every transmission of a request after its first. */
    private final class Counter implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            attributes.putAttribute(ATTEMPTS, new AtomicInteger());
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (attributes.getAttribute(ATTEMPTS).incrementAndGet() > 1) {
                retries.computeIfAbsent(
                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                        .increment();
            }
        }
    }
}
