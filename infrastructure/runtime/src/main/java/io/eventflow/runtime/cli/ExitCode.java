package io.eventflow.runtime.cli;

/**
 * The exit codes of every verb (documented in infrastructure/runtime/README.md). Scripts branch on them, so a
 * code means one kind of outcome whatever the verb.
 */
public final class ExitCode {
    /** Done as asked. */
    public static final int OK = 0;
    /** What ran failed: a handler error (invoke), a demo or chaos check that did not hold. */
    public static final int FAILED = 1;
    /** Usage: an unknown verb or option, a missing or mistyped value (picocli's own code for these). */
    public static final int USAGE = 2;
    /** Bad input: a file missing or not JSON, an unknown function, queue or order, an invalid template. */
    public static final int INPUT = 3;
    /** Environment: no running `up`, another `up` running, a port in use, an endpoint that does not answer. */
    public static final int ENVIRONMENT = 4;
    /** A bug: an unexpected exception (one line; --debug prints the stack trace). */
    public static final int INTERNAL = 70;

    private ExitCode() {}
}
