package io.eventflow.runtime.cli;

import io.eventflow.runtime.sources.Activity;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One invoke as `up` prints it: time, the order(s), what was delivered, to which function, the outcome
 * ({@code ok}, {@code rejected 422}, {@code error ...}, {@code partial 1/3 failed}), duration, and
 * {@code replay} when the batch carried replayed events.
 */
public final class HopLine {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private HopLine() {}

    public static String of(Activity.Hop h) {
        List<String> orders = h.orderIds();
        String order = orders.isEmpty()
                ? "-"
                : orders.size() == 1 ? orders.get(0) : orders.get(0) + " +" + (orders.size() - 1);
        List<String> distinct = h.eventTypes().stream().distinct().toList();
        String types = h.eventTypes().size() == 1
                ? h.eventTypes().get(0)
                : h.eventTypes().size() + " x " + String.join(",", distinct);
        String outcome = h.outcome().length() > 60 ? h.outcome().substring(0, 60) + "..." : h.outcome();
        return String.format(
                "%s  %-36s %-22s -> %-20s %-16s %5d ms%s%s",
                LocalTime.ofInstant(h.time(), ZoneOffset.UTC).format(HHMMSS),
                order,
                types,
                h.function(),
                outcome,
                h.durationMs(),
                h.replay() ? "  replay" : "",
                h.lagMs() >= 0 ? "  (" + h.lagMs() + " ms after the event)" : "");
    }
}
