package io.eventflow.payment;

import io.eventflow.log.JsonLog;
import java.util.Locale;
import java.util.function.Function;

/**
 * Chooses the {@link PaymentProvider} at init from the template's settings: {@code PAYMENT_PROVIDER} (parameter
 * PaymentProvider, default {@code simulated}) and {@code ALLOW_SIMULATED_PAYMENTS}, which the template sets to true
 * in Environment dev and test only (condition DevOrTest). The simulator charges nothing, so without that flag the
 * function fails at init (every invocation errors, messages stay on the queue) rather than confirming orders nobody
 * paid for. Which environments may simulate is the template's decision, not this class's.
 */
public final class PaymentProviders {
    public static final String SIMULATED = "simulated";
    private static final JsonLog LOG = JsonLog.of(PaymentService.CONSUMER);

    private PaymentProviders() {}

    /** @param env the function's environment (variable name to value, null when unset) */
    public static PaymentProvider select(Function<String, String> env) {
        String name = orDefault(env.apply("PAYMENT_PROVIDER"), SIMULATED).toLowerCase(Locale.ROOT);
        boolean allowSimulated = "true".equalsIgnoreCase(orDefault(env.apply("ALLOW_SIMULATED_PAYMENTS"), "false"));
        if (!SIMULATED.equals(name)) {
            throw new IllegalStateException("PAYMENT_PROVIDER '" + name + "' has no adapter in this build; the only"
                    + " provider is 'simulated' (implement PaymentProvider and select it here)");
        }
        if (!allowSimulated) {
            throw new IllegalStateException("PaymentProvider=simulated without ALLOW_SIMULATED_PAYMENTS=true: the"
                    + " simulated provider charges nothing, so it runs only where the template allows it (Environment"
                    + " dev or test); deploy a real provider anywhere else");
        }
        LOG.info(
                "payment provider selected",
                "paymentProvider",
                name,
                "chargesCustomers",
                false,
                "allowSimulatedPayments",
                true);
        return new SimulatedPaymentProvider();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
