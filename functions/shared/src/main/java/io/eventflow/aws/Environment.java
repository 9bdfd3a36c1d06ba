package io.eventflow.aws;

import java.util.Optional;
import java.util.function.Function;

/**
 * The function's environment variables: the one place production code reads them. On Lambda this is the
 * process environment ({@code System.getenv}). A host that runs several functions in one JVM (the local
 * runtime) gives each function its own classloader, and so its own copy of this class, and points that copy's
 * {@link #source} at the function's own variables (reflectively: there is deliberately no public setter).
 */
public final class Environment {
    static volatile Function<String, String> source = System::getenv;

    private Environment() {}

    /** The variable, if set and not blank. */
    public static Optional<String> get(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A required setting, named in the error. */
    public static String require(String name) {
        return get(name)
                .orElseThrow(() -> new IllegalStateException(
                        "environment variable " + name + " is not set (template.yaml sets it)"));
    }
}
