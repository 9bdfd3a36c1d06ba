package io.eventflow.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the data of {@code eventType} at {@code fromVersion} into {@code fromVersion + 1}. Pure. */
public interface Upcaster {
    String eventType();

    int fromVersion();

    ObjectNode upcast(ObjectNode data);
}
