package io.eventflow.testkit;

/** What to await of one queue (or DLQ) of the template, by its logical id. */
public record QueueAwait(Flow flow, String queue) {
    /** It holds exactly {@code n} messages (visible, in flight and delayed). */
    public Expectation<Integer> holds(int n) {
        return new Expectation<>(
                flow,
                queue + " to hold " + n + " message(s)",
                () -> flow.depth(queue),
                d -> d == n,
                d -> false,
                d -> queue + " holds " + d,
                () -> "");
    }
}
