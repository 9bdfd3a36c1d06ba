package io.eventflow.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests set a function's environment variables here (on top of the real ones), the way Lambda would set
 * them from template.yaml; {@link #reset()} goes back to the process environment.
 */
public final class TestEnvironment {
    private static final Map<String, String> VARIABLES = new ConcurrentHashMap<>();

    private TestEnvironment() {}

    public static void set(String name, String value) {
        VARIABLES.put(name, value);
        Environment.source = n -> VARIABLES.getOrDefault(n, System.getenv(n));
    }

    public static void reset() {
        VARIABLES.clear();
        Environment.source = System::getenv;
    }
}
