package io.eventflow.runtime.cli;

import io.eventflow.emulator.template.TemplateException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Every error as one line on stderr, {@code eventflow <verb>: <what is wrong>: <what to do>}, and its exit code. */
public final class ErrorReport {
    private ErrorReport() {}

    static String verb(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("eventflow") ? name : "eventflow " + name;
    }

    /** Unknown options and verbs (with picocli's suggestions), missing or mistyped values: exit 2. */
    public static final class Usage implements IParameterExceptionHandler {
        private final PrintStream err;

        public Usage(PrintStream err) {
            this.err = err;
        }

        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cl = e.getCommandLine();
            String what = e.getMessage();
            if (e instanceof UnmatchedArgumentException u) {
                List<String> unmatched = u.getUnmatched();
                String arg = unmatched.isEmpty() ? "?" : unmatched.get(0);
                boolean verbLevel = !cl.getSubcommands().isEmpty() && !arg.startsWith("-");
                what = (arg.startsWith("-")
                                ? "unknown option '"
                                : verbLevel ? "unknown verb '" : "unexpected argument '")
                        + arg + "'";
                List<String> suggestions =
                        u.getSuggestions().isEmpty() ? Typos.near(arg, names(cl, arg)) : u.getSuggestions();
                if (!suggestions.isEmpty()) {
                    what += " (did you mean "
                            + String.join(" or ", suggestions.stream().limit(3).toList()) + "?)";
                }
            } else if (e instanceof CommandLine.MissingParameterException && unknownOption(cl, args) != null) {
                // An unknown option explains a "missing" one better (invoke --evnt x): report it first.
                String arg = unknownOption(cl, args);
                List<String> near =
                        Typos.near(arg, cl.getCommandSpec().optionsMap().keySet());
                what = "unknown option '" + arg + "'"
                        + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)");
            } else if (what != null && !what.isEmpty()) {
                what = what.startsWith("Error: ") ? what.substring("Error: ".length()) : what;
                what = Character.toLowerCase(what.charAt(0)) + what.substring(1);
            }
            err.println(
                    verb(cl) + ": " + what + "; see ./" + cl.getCommandSpec().qualifiedName(" ") + " --help");
            return ExitCode.USAGE;
        }
    }

    /** The first argument that looks like an option the failing command does not have, or null. */
    private static String unknownOption(CommandLine cl, String[] args) {
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && !a.equals("--") && !a.matches("-\\d.*")) {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (cl.getCommandSpec().findOption(name) == null
                        && !cl.getCommandSpec().qualifiedName().endsWith(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static java.util.Collection<String> names(CommandLine cl, String arg) {
        return arg.startsWith("-")
                ? cl.getCommandSpec().optionsMap().keySet()
                : cl.getSubcommands().keySet();
    }

    /** Errors while a verb runs: user errors by their code, SDK and template errors classified, the rest a bug. */
    public static final class Execution implements IExecutionExceptionHandler {
        private final PrintStream err;
        private final BooleanSupplier debug;

        public Execution(PrintStream err, BooleanSupplier debug) {
            this.err = err;
            this.debug = debug;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            int code;
            String line;
            if (e instanceof UserError u) {
                code = u.exitCode();
                line = u.getMessage();
            } else if (e instanceof TemplateException) {
                code = ExitCode.INPUT;
                line = "template: " + e.getMessage();
            } else if (e instanceof SdkClientException c) {
                code = ExitCode.ENVIRONMENT;
                line = "the AWS endpoint did not answer (" + firstLine(c.getMessage())
                        + "): is `./eventflow up` (or the emulator) running?" + " Check --endpoint / AWS_ENDPOINT_URL";
            } else if (e instanceof SdkServiceException s && (s.statusCode() == 404 || s.statusCode() == 405)) {
                code = ExitCode.ENVIRONMENT;
                line = "the endpoint answered HTTP " + s.statusCode()
                        + " to an AWS call: it is not an AWS endpoint; pass the"
                        + " emulator's URL (the `endpoint` line of `up`, or .eventflow/runtime.json) as --endpoint";
            } else if (e instanceof InterruptedException) {
                code = 130;
                line = "interrupted";
            } else {
                code = ExitCode.INTERNAL;
                line = "internal error: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
                        + (debug.getAsBoolean() ? "" : " (run again with --debug for the stack trace)");
            }
            err.println(verb(cl) + ": " + line);
            if (debug.getAsBoolean()) {
                e.printStackTrace(err);
            }
            return code;
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "no message";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
