package io.eventflow.runtime.cli;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.trace.OrderTimeline;
import io.eventflow.runtime.trace.OrderTrace;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code trace ORD-...}: where an order is, and how it got there. */
@Command(
        name = "trace",
        sortOptions = false,
        description = {
            "Where an order is and how it got there: its events in the store (type, sequence, time, correlation,"
                    + " causation), its read-model view, every delivery of its events to a function (outcome, duration,"
                    + " attempt, replay), the deliveries the routing still expects, its dead letters and why.",
            "Last line: `now: done | waiting in <queue> | retrying in <queue> | dead in <DLQ> | in-progress`.",
            "Deliveries come from the invocation record of `up` in this checkout (.eventflow/logs/invocations.jsonl)."
        })
public final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(
            index = "0",
            paramLabel = "ORDER",
            description = "the order id (ORD-..., as POST /orders answered) or its stream Order-ORD-...")
    String order;

    @Option(names = "--json", description = "the whole trace as one JSON object")
    boolean json;

    @Mixin
    RunningUpOptions running;

    @Override
    public Integer call() {
        String orderId = Names.orderId(order);
        try (RunningUpOptions.Session up = running.open(cli.err())) {
            OrderTrace trace = new OrderTimeline(new Clients(), up.template(), up.state()).trace(orderId);
            if (trace.events().isEmpty()) {
                if (json) {
                    cli.out().println(Json.write(trace));
                }
                throw UserError.input("order " + orderId + " has no events in the store at "
                        + up.endpoint().url()
                        + ": check the id (POST /orders answered it; `./eventflow inspect` lists the streams)");
            }
            if (json) {
                cli.out().println(Json.write(trace));
            } else {
                print(trace, cli.out());
            }
            return ExitCode.OK;
        }
    }

    public static void print(OrderTrace t, PrintStream out) {
        out.println("order " + t.orderId() + "  status " + t.status() + "  (stream " + t.streamId() + ", "
                + t.events().size() + " events)");
        out.println("events:");
        for (OrderTrace.Event e : t.events()) {
            out.printf(
                    "  %3d  %-22s %-24s  event %s  correlation %s  caused by %s%n",
                    e.sequence(),
                    e.eventType(),
                    e.time(),
                    e.eventId(),
                    e.correlationId(),
                    e.causationId() == null ? "-" : e.causationId());
        }
        out.println("read model: "
                + (t.view() == null
                        ? "no view"
                        : t.view().get("status") + " v" + t.view().get("version")));
        out.println("deliveries:");
        if (t.deliveries().isEmpty()) {
            out.println("  none recorded");
        }
        for (OrderTrace.Delivery d : t.deliveries()) {
            String time =
                    d.time() == null ? "?" : d.time().length() >= 23 ? d.time().substring(11, 23) : d.time();
            out.printf(
                    "  %s  %-22s -> %-20s %-20s %5d ms%s%s%n",
                    time,
                    d.what(),
                    d.function(),
                    d.outcome(),
                    d.durationMs(),
                    d.attempt() > 1 ? "  attempt " + d.attempt() : "",
                    d.replay() ? "  replay" : "");
        }
        if (!t.pending().isEmpty()) {
            out.println("expected, not handled yet:");
            t.pending()
                    .forEach(p -> out.println("  " + p.eventType() + " -> " + p.function() + " (" + p.queue() + ")"
                            + (p.failedAttempts() > 0
                                    ? ", failed " + p.failedAttempts() + "x, last: " + p.lastOutcome()
                                    : "")));
        }
        if (!t.deadLetters().isEmpty()) {
            out.println("dead letters:");
            t.deadLetters()
                    .forEach(d -> out.println(
                            "  " + d.queue() + " (" + d.queueName() + ") " + d.messageId() + ": " + d.reason()));
        }
        t.notes().forEach(n -> out.println("note: " + n));
        OrderTrace.Where w = t.now();
        out.println("now: " + w.state()
                + (w.queue() == null ? "" : (w.state().equals("dead") ? " in " : " in ") + w.queue())
                + (w.detail() == null ? "" : ": " + w.detail()));
    }
}
