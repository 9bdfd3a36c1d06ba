package io.eventflow.events;

/** Classifies failures so that handlers retry what can pass and dead-letter what cannot. */
public final class Failures {
    private Failures() {}

    public static boolean isRetryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PermanentException) {
                return false;
            }
            if (c instanceof RetryableException) {
                return true;
            }
        }
        // Unknown failures (SDK errors, timeouts, bugs) are retried: the DLQ catches the ones that never pass.
        return true;
    }

    /** A short, PII-free description for logs and dead-letter reasons. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
