package io.eventflow.events;

public record ShipmentScheduled(String orderId, String trackingId, String carrier) implements DomainEvent {}
