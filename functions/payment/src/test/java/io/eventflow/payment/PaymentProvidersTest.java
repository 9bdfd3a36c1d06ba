package io.eventflow.payment;

import io.eventflow.testing.CapturedLog;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentProvidersTest {

    @Test
    void theDefaultIsTheSimulatorAndInitSaysSo() {
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(PaymentProviders.select(Map.<String, String>of()::get)).isInstanceOf(SimulatedPaymentProvider.class);
            assertThat(log.text()).contains("\"paymentProvider\":\"simulated\"").contains("\"stage\":\"dev\"");
        }
    }

    @Test
    void prodRefusesTheSimulatorAtInit() {
        assertThatThrownBy(() -> PaymentProviders.select(Map.of("PAYMENT_PROVIDER", "simulated", "STAGE", "prod")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Stage=prod with PaymentProvider=simulated")
                .hasMessageContaining("AllowSimulatedPayments=true");
    }

    @Test
    void prodRunsTheSimulatorOnlyWhenExplicitlyAllowed() {
        assertThat(PaymentProviders.select(Map.of("PAYMENT_PROVIDER", "simulated", "STAGE", "prod",
                "ALLOW_SIMULATED_PAYMENTS", "true")::get)).isInstanceOf(SimulatedPaymentProvider.class);
    }

    @Test
    void anUnknownProviderFailsAtInit() {
        assertThatThrownBy(() -> PaymentProviders.select(Map.of("PAYMENT_PROVIDER", "stripe")::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'stripe' has no adapter");
    }

    @Test
    void theHandlerFailsAtInitInProdWithTheSimulator() {
        io.eventflow.aws.TestEnvironment.set("STAGE", "prod");
        io.eventflow.aws.TestEnvironment.set("EVENT_STORE_TABLE", "t");
        io.eventflow.aws.TestEnvironment.set("IDEMPOTENCY_TABLE", "t");
        try {
            assertThatThrownBy(PaymentHandler::new).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refused in production");
        } finally {
            io.eventflow.aws.TestEnvironment.reset();
        }
    }
}
