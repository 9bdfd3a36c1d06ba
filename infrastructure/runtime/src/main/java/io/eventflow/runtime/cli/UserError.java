package io.eventflow.runtime.cli;

/**
 * An error the user can fix: printed as one line, {@code eventflow <verb>: <what is wrong>: <what to do>},
 * with its {@link ExitCode}; never a stack trace (unless --debug).
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static UserError input(String message) {
        return new UserError(ExitCode.INPUT, message);
    }

    public static UserError environment(String message) {
        return new UserError(ExitCode.ENVIRONMENT, message);
    }
}
