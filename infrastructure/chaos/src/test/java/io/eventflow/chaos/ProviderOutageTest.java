package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.emulator.Endpoints;
import java.net.URI;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The provider-outage fault: only SES/SMS calls are refused, from a seeded early call on, for T seconds. */
class ProviderOutageTest {
    private static final String SEND_EMAIL = "Action=SendEmail&Version=2010-12-01&Source=orders%40example.com";
    private static final String SMS = "Action=Publish&Version=2010-03-31&PhoneNumber=%2B15550100042&Message=shipped";
    private static final String TOPIC_PUBLISH =
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At";

    @Test
    void onlyCallsToAProviderAreProviderCalls() {
        assertThat(ChaosProxy.providerCall("", "", SEND_EMAIL)).isTrue();
        assertThat(ChaosProxy.providerCall("", "", SMS)).isTrue();
        assertThat(ChaosProxy.providerCall("", "", TOPIC_PUBLISH))
                .as("the notifier's topic publish")
                .isFalse();
        assertThat(ChaosProxy.providerCall("AmazonSQS", "ReceiveMessage", "{}")).isFalse();
        assertThat(ChaosProxy.providerCall("DynamoDB_20120810", "PutItem", "{}"))
                .isFalse();
    }

    @Test
    void theOutageStartsAtTheSeededCallAndRefusesEveryProviderCallThen() throws Exception {
        FaultPlan plan = new FaultPlan(7, 0, 0, 0, 0, 0, 0, 600);
        int start = plan.providerOutageStartCall();
        assertThat(start)
                .isBetween(10, 29)
                .isEqualTo(new FaultPlan(7, 0, 0, 0, 0, 0, 0, 600).providerOutageStartCall());
        try (ChaosProxy proxy = new ChaosProxy(Endpoints.all(URI.create("http://127.0.0.1:1")), plan)) {
            assertThat(IntStream.range(1, start)
                            .filter(i -> proxy.refuseProviderCall())
                            .count())
                    .isZero();
            assertThat(IntStream.range(0, 20).allMatch(i -> proxy.refuseProviderCall()))
                    .isTrue();
            assertThat(proxy.counters())
                    .containsEntry("providerCalls", (long) start + 19)
                    .containsEntry("providerOutageRejectedCalls", 20L);
        }
    }

    @Test
    void noOutageRefusesNothing() throws Exception {
        try (ChaosProxy proxy =
                new ChaosProxy(Endpoints.all(URI.create("http://127.0.0.1:1")), new FaultPlan(7, 0, 0, 0, 0, 0, 0))) {
            assertThat(IntStream.range(0, 100)
                            .filter(i -> proxy.refuseProviderCall())
                            .count())
                    .isZero();
        }
        assertThatThrownBy(() -> new FaultPlan(1, 0, 0, 0, 0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
