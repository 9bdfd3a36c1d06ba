package io.eventflow.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PermanentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory twin of {@link EventBridgeReplayBus}: rules with event patterns (matched by event-ruler, as
 * EventBridge does) and targets; SQS targets are lists of the EventBridge events they received.
 */
public final class InMemoryReplayBus implements ReplayBus {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    private record Rule(String name, String pattern, List<String> targetArns) {}

    private record Injected(String errorCode, boolean retryable, int remaining) {}

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> queues = new HashMap<>();
    private final Map<String, Injected> failures = new HashMap<>();
    private int calls;

    public synchronized void putRule(String name, String pattern, String... targetArns) {
        rules.put(name, new Rule(name, pattern, List.of(targetArns)));
    }

    public static String queueArn(String queueName) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName;
    }

    /** What an SQS target queue received, oldest first. */
    public synchronized List<ObjectNode> queue(String queueName) {
        return List.copyOf(queues.getOrDefault(queueName, List.of()));
    }

    /** The next {@code times} attempts to send {@code eventId} fail with {@code errorCode}. */
    public synchronized void failNext(String eventId, String errorCode, boolean retryable, int times) {
        failures.put(eventId, new Injected(errorCode, retryable, times));
    }

    /** How many send calls reached the bus. */
    public synchronized int calls() {
        return calls;
    }

    @Override
    public Destination everyRule() {
        return destination("bus in-memory", e -> {
            if (e.source() == null || e.source().isEmpty()) {
                return Delivery.failed(e.eventId(), "InvalidArgument", "Parameter Source is not valid.", false);
            }
            if (e.eventType() == null || e.eventType().isEmpty()) {
                return Delivery.failed(e.eventId(), "InvalidArgument", "Parameter DetailType is not valid.", false);
            }
            ObjectNode event = EventBridgeEvents.of(e, ACCOUNT, REGION);
            for (Rule r : rules.values()) {
                if (EventBridgeEvents.matches(event, r.pattern())) {
                    r.targetArns().stream()
                            .filter(a -> a.startsWith("arn:aws:sqs:"))
                            .forEach(a -> deliver(a, event));
                }
            }
            return Delivery.sent(e.eventId());
        });
    }

    @Override
    public synchronized Destination rule(String ruleName) {
        Rule rule = rules.get(ruleName);
        if (rule == null) {
            throw new PermanentException("rule " + ruleName + " does not exist on bus in-memory");
        }
        if (rule.targetArns().isEmpty()) {
            throw new PermanentException("rule " + ruleName + " has no targets");
        }
        for (String arn : rule.targetArns()) {
            if (!arn.startsWith("arn:aws:sqs:")) {
                throw new PermanentException(
                        "rule " + ruleName + " target " + arn
                                + " is not an SQS queue: replay to a rule supports only SQS targets; replay to the bus instead");
            }
        }
        return destination("rule " + ruleName, e -> {
            ObjectNode event = EventBridgeEvents.of(e, ACCOUNT, REGION);
            if (!EventBridgeEvents.matches(event, rule.pattern())) {
                return Delivery.notMatched(e.eventId());
            }
            rule.targetArns().forEach(a -> deliver(a, event));
            return Delivery.sent(e.eventId());
        });
    }

    private interface PerEvent {
        Delivery apply(EventEnvelope e);
    }

    private Destination destination(String description, PerEvent perEvent) {
        return new Destination() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public List<Delivery> send(List<EventEnvelope> events) {
                synchronized (InMemoryReplayBus.this) {
                    calls++;
                    List<Delivery> out = new ArrayList<>();
                    for (EventEnvelope e : events) {
                        Injected injected = failures.get(e.eventId());
                        if (injected != null && injected.remaining() > 0) {
                            failures.put(
                                    e.eventId(),
                                    new Injected(injected.errorCode(), injected.retryable(), injected.remaining() - 1));
                            out.add(Delivery.failed(
                                    e.eventId(), injected.errorCode(), "injected failure", injected.retryable()));
                        } else {
                            out.add(perEvent.apply(e));
                        }
                    }
                    return out;
                }
            }
        };
    }

    private void deliver(String queueArn, ObjectNode event) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        queues.computeIfAbsent(name, k -> new ArrayList<>()).add(event.deepCopy());
    }
}
