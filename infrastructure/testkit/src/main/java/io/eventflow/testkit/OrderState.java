package io.eventflow.testkit;

import java.util.List;
import java.util.Map;

/**
 * What an order is at one moment, everywhere the toolkit looks: its read model row (status and the whole row), its
 * events in the store (type and id, in sequence), and the emails and SMS it caused. Two states are equal when
 * nothing changed (a replay's check).
 */
public record OrderState(
        String orderId, String status, Map<String, Object> view, List<String> events, int emails, int sms) {
    /** The event types in stream order. */
    public List<String> eventTypes() {
        return events.stream().map(e -> e.substring(0, e.indexOf(' '))).toList();
    }

    @Override
    public String toString() {
        return "read model " + (status == null ? "(no row)" : status) + ", events " + eventTypes() + ", emails "
                + emails + ", sms " + sms;
    }
}
