package io.eventflow.sms;

import io.eventflow.events.PermanentException;
import io.eventflow.notification.OrderFacts;

/** The short text per notification type (SMS: one segment where possible). */
public final class SmsTemplates {
    private SmsTemplates() {}

    public static Sms render(String notificationType, OrderFacts order, String phoneNumber) {
        String id = order.orderId();
        String text = switch (notificationType) {
            case "ShipmentScheduled" ->
                "eventflow: order " + id + " has shipped"
                        + (order.carrier() == null ? "" : " with " + order.carrier())
                        + (order.trackingId() == null ? "." : ", tracking " + order.trackingId() + ".");
            case "OrderConfirmed" -> "eventflow: order " + id + " is confirmed.";
            case "OrderCancelled" ->
                "eventflow: order " + id + " was cancelled"
                        + (order.cancelReason() == null ? "." : " (" + order.cancelReason() + ").");
            default -> throw new PermanentException("no SMS for notification type " + notificationType);
        };
        return new Sms(phoneNumber, text);
    }
}
