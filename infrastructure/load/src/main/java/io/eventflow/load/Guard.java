package io.eventflow.load;

import io.eventflow.runtime.cli.ExitCode;
import io.eventflow.runtime.cli.UserError;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What a load run may aim at and how hard: the loopback address by default; another host only when named on purpose
 * (a stack by --stack, or a URL with --allow-remote); never above the ceiling --max-rate. Refusals are usage errors
 * (exit 2), said before anything starts.
 */
public final class Guard {
    private Guard() {}

    /** Refuses a rate above the ceiling, naming both and the flag that moves the ceiling. */
    public static void rate(String option, double rate, double maxRate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new UserError(ExitCode.USAGE, option + " must be a rate > 0 orders per second, got " + rate);
        }
        if (rate > maxRate) {
            throw new UserError(
                    ExitCode.USAGE,
                    "refusing " + option + " " + fmt(rate) + " orders/s: above the ceiling --max-rate " + fmt(maxRate)
                            + " (raise --max-rate on purpose if the target is meant to take it)");
        }
    }

    /**
     * The API URL, checked: http(s) with a host; a host that is not a loopback address only with {@code allowRemote}
     * (a name is resolved: localhost is loopback, a name that resolves elsewhere is remote).
     */
    public static URI url(String text, boolean allowRemote) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    ExitCode.USAGE, "--url '" + text + "' is not a URL: pass one like http://127.0.0.1:3000");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new UserError(
                    ExitCode.USAGE, "--url '" + text + "' is not an http(s) URL: pass one like http://127.0.0.1:3000");
        }
        if (!allowRemote && !loopback(uri.getHost())) {
            throw new UserError(
                    ExitCode.USAGE,
                    "refusing --url " + text + ": not a loopback address; a load run aims elsewhere only when told to"
                            + " (--allow-remote for this URL, or --stack NAME for a deployed stack)");
        }
        return uri;
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
