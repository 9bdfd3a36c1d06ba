package io.eventflow.events;

public record OrderCancelled(String orderId, String reason) implements DomainEvent {}
