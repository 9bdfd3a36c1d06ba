package io.eventflow.chaos;

import io.eventflow.runtime.Cli;
import java.io.PrintStream;

/**
 * {@code java ... io.eventflow.chaos.ChaosMain ARGS} is {@code ./eventflow chaos ARGS}: the options live in
 * {@link ChaosCommand}, parsed by the same command line as every other verb.
 */
public final class ChaosMain {
    private ChaosMain() {}

    public static void main(String[] args) {
        String[] withVerb = new String[args.length + 1];
        withVerb[0] = "chaos";
        System.arraycopy(args, 0, withVerb, 1, args.length);
        Cli.main(withVerb);
    }

    /** The exit code of {@code chaos ARGS} with these streams (tests call this). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String[] withVerb = new String[args.length + 1];
        withVerb[0] = "chaos";
        System.arraycopy(args, 0, withVerb, 1, args.length);
        return new Cli(out, err).run(withVerb);
    }
}
