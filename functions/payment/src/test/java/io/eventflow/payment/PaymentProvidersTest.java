package io.eventflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.testing.CapturedLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentProvidersTest {

    @Test
    void theSimulatorRunsWhereTheTemplateAllowsItAndInitSaysSo() {
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(PaymentProviders.select(Map.of("ALLOW_SIMULATED_PAYMENTS", "true")::get))
                    .isInstanceOf(SimulatedPaymentProvider.class);
            assertThat(log.text()).contains("\"paymentProvider\":\"simulated\"").contains("\"chargesCustomers\":false");
        }
    }

    @Test
    void withoutTheTemplatesPermissionTheSimulatorIsRefusedAtInitWhateverTheStageIsCalled() {
        for (Map<String, String> env : java.util.List.of(
                Map.<String, String>of(),
                Map.of("PAYMENT_PROVIDER", "simulated", "STAGE", "production"),
                Map.of("PAYMENT_PROVIDER", "simulated", "ALLOW_SIMULATED_PAYMENTS", "false"))) {
            assertThatThrownBy(() -> PaymentProviders.select(env::get))
                    .as(String.valueOf(env))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PaymentProvider=simulated without ALLOW_SIMULATED_PAYMENTS=true");
        }
    }

    @Test
    void anUnknownProviderFailsAtInit() {
        assertThatThrownBy(() -> PaymentProviders.select(Map.of("PAYMENT_PROVIDER", "stripe")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'stripe' has no adapter");
    }

    @Test
    void theHandlerFailsAtInitOnTheSimulatorWithoutPermission() {
        io.eventflow.aws.TestEnvironment.set("EVENT_STORE_TABLE", "t");
        io.eventflow.aws.TestEnvironment.set("IDEMPOTENCY_TABLE", "t");
        try {
            assertThatThrownBy(PaymentHandler::new)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("runs only where the template allows it");
        } finally {
            io.eventflow.aws.TestEnvironment.reset();
        }
    }
}
