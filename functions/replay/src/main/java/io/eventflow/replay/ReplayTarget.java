package io.eventflow.replay;

import io.eventflow.events.PermanentException;

/** {@code bus} or {@code rule:<RuleName>}. */
public sealed interface ReplayTarget {
    record Bus() implements ReplayTarget {}

    record Rule(String name) implements ReplayTarget {}

    static ReplayTarget parse(String text) {
        if ("bus".equals(text)) {
            return new Bus();
        }
        if (text != null && text.startsWith("rule:") && text.length() > "rule:".length()) {
            return new Rule(text.substring("rule:".length()));
        }
        throw new PermanentException("target must be \"bus\" or \"rule:<RuleName>\", got \"" + text + "\"");
    }
}
