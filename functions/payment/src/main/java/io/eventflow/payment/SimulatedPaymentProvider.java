package io.eventflow.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic stand-in for a card processor, so demos and tests can steer the saga:
 * <ul>
 *   <li>declined "amount exceeds card limit" when the amount is above 5,000.00 ({@code amountCents > 500000});</li>
 *   <li>declined "card declined" when the customerId starts with {@code CUST-DECLINE};</li>
 *   <li>otherwise authorized with {@code paymentId = "PAY-" + first 16 hex of SHA-256(idempotency key)}, the same id
 *       every time for the same key (an idempotent authorization, as a real provider answers a repeated key).</li>
 * </ul>
 */
public final class SimulatedPaymentProvider implements PaymentProvider {
    public static final long CARD_LIMIT_CENTS = 500_000;
    public static final String DECLINED_CUSTOMER_PREFIX = "CUST-DECLINE";

    @Override
    public AuthorizationResult authorize(AuthorizationRequest request) {
        if (request.amountCents() > CARD_LIMIT_CENTS) {
            return new AuthorizationResult.Declined("amount exceeds card limit");
        }
        if (request.customerId() != null && request.customerId().startsWith(DECLINED_CUSTOMER_PREFIX)) {
            return new AuthorizationResult.Declined("card declined");
        }
        return new AuthorizationResult.Authorized(paymentIdOf(request.idempotencyKey()));
    }

    static String paymentIdOf(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "PAY-" + HexFormat.of().withUpperCase().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
