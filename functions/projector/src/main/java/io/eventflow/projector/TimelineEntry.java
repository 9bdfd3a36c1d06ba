package io.eventflow.projector;

import java.time.Instant;

/** One line of an order's history as the read model shows it. */
public record TimelineEntry(long sequence, String eventType, Instant timestamp) {}
