package io.eventflow.testkit;

import java.util.Locale;
import java.util.function.Function;

/**
 * Which topology a test runs on, from {@value #PROPERTY} (else {@value #VARIABLE}, else {@code local}):
 * <ul>
 *   <li>{@code local}: template.yaml on the local runtime in this JVM, on the engine the project selects
 *       ({@code eventflow.emulator} / {@code EVENTFLOW_EMULATOR}: moto by default, LocalStack in the
 *       {@code -Pengine-localstack} pass);</li>
 *   <li>{@code localstack}: the same, on LocalStack on the host (messaging) with moto for DynamoDB;</li>
 *   <li>{@code up:<url>}: the running {@code ./eventflow up} whose API is at {@code url} (its engine endpoints from
 *       the checkout's .eventflow/runtime.json);</li>
 *   <li>{@code stack:<name>}: a deployed CloudFormation stack (names from its outputs and resources, the default
 *       credentials chain, the HTTP API SigV4-signed).</li>
 * </ul>
 */
public record TargetSpec(Kind kind, String value) {
    public static final String PROPERTY = "eventflow.target";
    public static final String VARIABLE = "EVENTFLOW_TARGET";

    public enum Kind {
        LOCAL,
        LOCALSTACK,
        UP,
        STACK
    }

    /** The target this JVM is asked for. */
    public static TargetSpec selected() {
        return selected(System::getProperty, System::getenv);
    }

    static TargetSpec selected(Function<String, String> properties, Function<String, String> environment) {
        String s = properties.apply(PROPERTY);
        if (s == null || s.isBlank()) {
            s = environment.apply(VARIABLE);
        }
        return parse(s == null || s.isBlank() ? "local" : s);
    }

    public static TargetSpec parse(String text) {
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("local")) {
            return new TargetSpec(Kind.LOCAL, null);
        }
        if (lower.equals("localstack")) {
            return new TargetSpec(Kind.LOCALSTACK, null);
        }
        if (lower.startsWith("up:") && s.length() > 3) {
            return new TargetSpec(Kind.UP, s.substring(3).replaceAll("/+$", ""));
        }
        if (lower.startsWith("stack:") && s.length() > 6) {
            return new TargetSpec(Kind.STACK, s.substring(6));
        }
        throw new IllegalArgumentException("unknown target '" + text + "' (" + PROPERTY + " / " + VARIABLE
                + "): one of local, localstack, up:<api url>, stack:<cloudformation stack name>");
    }

    @Override
    public String toString() {
        return value == null
                ? kind.name().toLowerCase(Locale.ROOT)
                : kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
