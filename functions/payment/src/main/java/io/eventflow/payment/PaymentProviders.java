package io.eventflow.payment;

import io.eventflow.log.JsonLog;

import java.util.Locale;
import java.util.function.Function;

/**
 * Chooses the {@link PaymentProvider} at init from the template's parameters: {@code PAYMENT_PROVIDER}
 * (parameter PaymentProvider, default {@code simulated}), {@code STAGE} and {@code ALLOW_SIMULATED_PAYMENTS}
 * (parameter AllowSimulatedPayments). The simulator charges nothing, so a {@code prod} stage refuses it unless
 * it is explicitly allowed: the function fails at init (every invocation errors, messages stay on the queue)
 * rather than confirming orders nobody paid for.
 */
public final class PaymentProviders {
    public static final String SIMULATED = "simulated";
    private static final JsonLog LOG = JsonLog.of(PaymentService.CONSUMER);

    private PaymentProviders() {
    }

    /** @param env the function's environment (variable name to value, null when unset) */
    public static PaymentProvider select(Function<String, String> env) {
        String name = orDefault(env.apply("PAYMENT_PROVIDER"), SIMULATED).toLowerCase(Locale.ROOT);
        String stage = orDefault(env.apply("STAGE"), "dev");
        boolean allowSimulated = "true".equalsIgnoreCase(orDefault(env.apply("ALLOW_SIMULATED_PAYMENTS"), "false"));
        if (!SIMULATED.equals(name)) {
            throw new IllegalStateException("PAYMENT_PROVIDER '" + name + "' has no adapter in this build; the only"
                    + " provider is 'simulated' (implement PaymentProvider and select it here)");
        }
        if ("prod".equals(stage) && !allowSimulated) {
            throw new IllegalStateException("Stage=prod with PaymentProvider=simulated: the simulated provider charges"
                    + " nothing, so it is refused in production; deploy a real provider, or set the parameter"
                    + " AllowSimulatedPayments=true to run prod on the simulator deliberately");
        }
        LOG.info("payment provider selected", "paymentProvider", name, "stage", stage, "chargesCustomers", false,
                "allowSimulatedPayments", allowSimulated);
        return new SimulatedPaymentProvider();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
