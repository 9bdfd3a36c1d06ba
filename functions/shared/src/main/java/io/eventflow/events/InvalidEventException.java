package io.eventflow.events;

import java.util.List;

/** Input that parsed but breaks its schema; carries every violation, not just the first. Permanent. */
public final class InvalidEventException extends PermanentException {
    private final List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(violations.size() + " schema violation(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
