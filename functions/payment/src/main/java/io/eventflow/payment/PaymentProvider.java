package io.eventflow.payment;

/**
 * The card processor. An authorization is keyed by the order (the provider's idempotency key), so asking
 * again for the same order answers the same authorization instead of charging twice: that is what makes
 * a redelivery after a crash between the authorization and the append safe.
 */
public interface PaymentProvider {

    AuthorizationResult authorize(String orderId, String customerId, long amountCents, String currency);

    sealed interface AuthorizationResult {
        record Authorized(String paymentId) implements AuthorizationResult {
        }

        record Declined(String reason) implements AuthorizationResult {
        }
    }
}
