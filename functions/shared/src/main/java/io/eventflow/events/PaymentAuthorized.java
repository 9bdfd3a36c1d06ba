package io.eventflow.events;

public record PaymentAuthorized(String orderId, String paymentId, long amountCents, String currency)
        implements DomainEvent {}
