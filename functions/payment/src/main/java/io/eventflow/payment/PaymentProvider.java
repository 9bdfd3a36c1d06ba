package io.eventflow.payment;

/**
 * The card processor. Every authorization carries an explicit idempotency key (the order id: one payment per order,
 * {@link PaymentDecisions.PaymentPlan.Charge#idempotencyKey()}), which a real provider receives as its idempotency
 * key header: asking again with the same key answers the first authorization instead of charging twice. That is what
 * makes a redelivery after a crash between the authorization and the append safe.
 */
public interface PaymentProvider {

    /**
     * @throws io.eventflow.events.PermanentException when the provider refuses the request for good (a malformed
     *                                                request); any other failure means the provider is failing
     *                                                (retried, and counted by its circuit breaker)
     */
    AuthorizationResult authorize(AuthorizationRequest request);

    /** @param idempotencyKey the same for every attempt at the same payment; never reused for another payment */
    record AuthorizationRequest(
            String idempotencyKey, String orderId, String customerId, long amountCents, String currency) {
        public AuthorizationRequest {
            if (idempotencyKey == null || idempotencyKey.isBlank()) {
                throw new IllegalArgumentException("an authorization needs an idempotency key");
            }
        }
    }

    sealed interface AuthorizationResult {
        record Authorized(String paymentId) implements AuthorizationResult {}

        record Declined(String reason) implements AuthorizationResult {}
    }
}
