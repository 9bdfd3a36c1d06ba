package io.eventflow.runtime.console;

/**
 * Where the console gets an order's timeline: the same record `trace` prints, as JSON-able data.
 * One implementation per data source; the console never assembles a timeline itself.
 */
interface TimelineSource {
    Object timeline(String orderId);
}
