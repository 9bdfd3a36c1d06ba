package io.eventflow.events;

public record OrderConfirmed(String orderId, String paymentId) implements DomainEvent {}
