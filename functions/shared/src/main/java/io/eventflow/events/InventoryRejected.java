package io.eventflow.events;

/** Stock could not be reserved; nothing is held for the order. */
public record InventoryRejected(String orderId, String sku, String reason) implements DomainEvent {}
