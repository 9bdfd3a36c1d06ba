package io.eventflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.payment.PaymentProvider.AuthorizationResult;
import org.junit.jupiter.api.Test;

class SimulatedPaymentProviderTest {
    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider();

    /** As the payment service asks: the order id is the idempotency key. */
    private AuthorizationResult authorize(String orderId, String customerId, long amountCents, String currency) {
        return provider.authorize(
                new PaymentProvider.AuthorizationRequest(orderId, orderId, customerId, amountCents, currency));
    }

    @Test
    void theAuthorizationIsKeyedByTheIdempotencyKeyAsARealProviderIs() {
        var first =
                provider.authorize(new PaymentProvider.AuthorizationRequest("KEY-1", "ORD-1", "CUST-42", 100, "EUR"));
        assertThat(provider.authorize(
                        new PaymentProvider.AuthorizationRequest("KEY-1", "ORD-1", "CUST-42", 100, "EUR")))
                .isEqualTo(first);
        assertThat(provider.authorize(
                        new PaymentProvider.AuthorizationRequest("KEY-2", "ORD-1", "CUST-42", 100, "EUR")))
                .isNotEqualTo(first);
        assertThat(first).isEqualTo(new AuthorizationResult.Authorized(SimulatedPaymentProvider.paymentIdOf("KEY-1")));
    }

    @Test
    void upToTheCardLimitIsAuthorizedWithAStableIdPerOrder() {
        var first = authorize("ORD-1001", "CUST-42", 500_000, "EUR");
        assertThat(first).isInstanceOf(AuthorizationResult.Authorized.class);
        String paymentId = ((AuthorizationResult.Authorized) first).paymentId();
        assertThat(paymentId).matches("^PAY-[0-9A-F]{16}$");
        assertThat(authorize("ORD-1001", "CUST-42", 500_000, "EUR")).isEqualTo(first);
        assertThat(authorize("ORD-1002", "CUST-42", 100, "EUR")).isNotEqualTo(first);
    }

    @Test
    void aboveFiveThousandIsDeclined() {
        assertThat(authorize("ORD-1", "CUST-42", 500_001, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("amount exceeds card limit"));
    }

    @Test
    void customersMarkedForDeclineAreDeclined() {
        assertThat(authorize("ORD-1", "CUST-DECLINE-01", 100, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("card declined"));
        assertThat(authorize("ORD-1", "CUST-DECLINE", 100, "EUR"))
                .isEqualTo(new AuthorizationResult.Declined("card declined"));
        assertThat(authorize("ORD-1", "CUST-DECLIN", 100, "EUR")).isInstanceOf(AuthorizationResult.Authorized.class);
    }
}
