package io.eventflow.events;

public record PaymentDeclined(String orderId, String reason) implements DomainEvent {}
