package io.eventflow.order;

/** Where an order stands; CONFIRMED and CANCELLED end the saga, SHIPPED follows CONFIRMED. */
public enum OrderStatus {
    NEW,
    PLACED,
    RESERVED,
    PAID,
    CONFIRMED,
    SHIPPED,
    CANCELLED;

    public boolean isTerminal() {
        return this == CONFIRMED || this == SHIPPED || this == CANCELLED;
    }
}
