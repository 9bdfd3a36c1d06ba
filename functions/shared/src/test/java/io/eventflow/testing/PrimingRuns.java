package io.eventflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.aws.TestEnvironment;
import io.eventflow.priming.PrimingAws;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a function's priming through its handler the way init does (the function's settings set, stdout watched) and
 * checks what it did to AWS: its reads answered from the seed, exactly the expected first write refused and nothing
 * else sent, the seed (all a read can find) as it was, and not a line printed.
 */
public final class PrimingRuns {
    /** The settings template.yaml gives the functions, with names only a priming seed uses. */
    private static final Map<String, String> SETTINGS = Map.of(
            "EVENT_STORE_TABLE", "priming-events",
            "IDEMPOTENCY_TABLE", "priming-idempotency",
            "INVENTORY_TABLE", "priming-inventory",
            "ORDER_VIEW_TABLE", "priming-views",
            "EVENT_BUS_NAME", "priming-bus",
            "NOTIFICATION_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:priming",
            "EMAIL_FROM", "orders@example.com",
            "SES_CONFIGURATION_SET", "priming",
            "SMS_COUNTRY_PREFIXES", "+1");

    private PrimingRuns() {}

    /**
     * @param refused the requests (as {@code Service.Operation}, or {@code Port.method}) the run must have been refused,
     *     in order: its first write, where the handler's path ends
     * @return the run's AWS, for more checks
     */
    public static PrimingAws assertRefusedOnly(Supplier<PrimingAws> prime, List<String> refused) {
        String region = System.getProperty("aws.region");
        if (region == null && System.getenv("AWS_REGION") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
        SETTINGS.forEach(TestEnvironment::set);
        PrimingAws aws;
        String printed;
        try (CapturedLog log = CapturedLog.start()) {
            aws = prime.get();
            printed = log.text();
        } finally {
            TestEnvironment.reset();
            if (region == null) {
                System.clearProperty("aws.region");
            }
        }
        assertThat(aws.refused()).as("what the priming run was refused").containsExactlyElementsOf(refused);
        assertThat(printed).as("a priming run prints no log line and no metric").isEmpty();
        return aws;
    }
}
