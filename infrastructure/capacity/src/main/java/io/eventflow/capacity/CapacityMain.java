package io.eventflow.capacity;

import io.eventflow.runtime.Cli;

/**
 * {@code java ... io.eventflow.capacity.CapacityMain ARGS} is {@code ./eventflow capacity ARGS}: the options live
 * in {@link CapacityCommand}, parsed by the same command line as every other verb.
 */
public final class CapacityMain {
    private CapacityMain() {}

    public static void main(String[] args) {
        String[] withVerb = new String[args.length + 1];
        withVerb[0] = "capacity";
        System.arraycopy(args, 0, withVerb, 1, args.length);
        Cli.main(withVerb);
    }
}
