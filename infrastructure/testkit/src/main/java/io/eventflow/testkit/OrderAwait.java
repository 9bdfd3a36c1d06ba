package io.eventflow.testkit;

import io.eventflow.order.OrderStatus;
import java.util.List;

/** What to await of one order; each method gives an {@link Expectation} to end with {@code .within(timeout)}. */
public record OrderAwait(Flow flow, PlacedOrder order) {
    /**
     * Its read model (OrderViewTable) shows {@code status}. Fails at once when the order ended in another final
     * status (SHIPPED or CANCELLED).
     */
    public Expectation<OrderState> reaches(OrderStatus status) {
        return expect(
                "order " + order + " to reach " + status + " in the read model",
                s -> status.name().equals(s.status()),
                s -> s.status() != null
                        && !status.name().equals(s.status())
                        && (s.status().equals("SHIPPED") || s.status().equals("CANCELLED")));
    }

    /** Its stream in the event store holds exactly these event types, in this order. */
    public Expectation<OrderState> hasEvents(String... types) {
        List<String> expected = List.of(types);
        return expect(
                "order " + order + " to have the events " + expected + " in this order",
                s -> s.eventTypes().equals(expected),
                s -> s.eventTypes().size() > expected.size()
                        || !expected.subList(0, s.eventTypes().size()).equals(s.eventTypes()));
    }

    /** Exactly {@code n} emails went to its address; fails at once on more. */
    public Expectation<OrderState> emailsSent(int n) {
        return expect(
                "order " + order + " to have caused " + n + " email(s)", s -> s.emails() == n, s -> s.emails() > n);
    }

    /** Exactly {@code n} SMS went to its phone; fails at once on more. */
    public Expectation<OrderState> smsSent(int n) {
        return expect("order " + order + " to have caused " + n + " SMS", s -> s.sms() == n, s -> s.sms() > n);
    }

    private Expectation<OrderState> expect(
            String what,
            java.util.function.Predicate<OrderState> holds,
            java.util.function.Predicate<OrderState> broken) {
        return new Expectation<>(
                flow, what, () -> flow.state(order), holds, broken, OrderState::toString, () -> flow.timeline(order));
    }
}
