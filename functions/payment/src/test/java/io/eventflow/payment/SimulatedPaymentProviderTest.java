package io.eventflow.payment;

import io.eventflow.payment.PaymentProvider.AuthorizationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedPaymentProviderTest {
    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider();

    @Test
    void upToTheCardLimitIsAuthorizedWithAStableIdPerOrder() {
        var first = provider.authorize("ORD-1001", "CUST-42", 500_000, "EUR");
        assertThat(first).isInstanceOf(AuthorizationResult.Authorized.class);
        String paymentId = ((AuthorizationResult.Authorized) first).paymentId();
        assertThat(paymentId).matches("^PAY-[0-9A-F]{16}$");
        assertThat(provider.authorize("ORD-1001", "CUST-42", 500_000, "EUR")).isEqualTo(first);
        assertThat(provider.authorize("ORD-1002", "CUST-42", 100, "EUR")).isNotEqualTo(first);
    }

    @Test
    void aboveFiveThousandIsDeclined() {
        assertThat(provider.authorize("ORD-1", "CUST-42", 500_001, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("amount exceeds card limit"));
    }

    @Test
    void customersMarkedForDeclineAreDeclined() {
        assertThat(provider.authorize("ORD-1", "CUST-DECLINE-01", 100, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("card declined"));
        assertThat(provider.authorize("ORD-1", "CUST-DECLINE", 100, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("card declined"));
        assertThat(provider.authorize("ORD-1", "CUST-DECLIN", 100, "EUR"))
                .isInstanceOf(AuthorizationResult.Authorized.class);
    }
}
