package io.eventflow.email;

import io.eventflow.events.PermanentException;
import io.eventflow.notification.OrderFacts;

/** The short message per notification type. */
public final class EmailTemplates {
    private EmailTemplates() {}

    public static Email render(String notificationType, OrderFacts order, String to) {
        String id = order.orderId();
        return switch (notificationType) {
            case "OrderConfirmed" ->
                new Email(
                        to,
                        "Your order " + id + " is confirmed",
                        "Thank you! Your order " + id + " is confirmed and will ship soon.");
            case "OrderCancelled" ->
                new Email(
                        to,
                        "Your order " + id + " was cancelled",
                        "We are sorry: your order " + id + " was cancelled"
                                + (order.cancelReason() == null ? "." : " (" + order.cancelReason() + ").")
                                + " You have not been charged.");
            case "ShipmentScheduled" ->
                new Email(
                        to,
                        "Your order " + id + " has shipped",
                        "Your order " + id + " is on its way"
                                + (order.carrier() == null ? "" : " with " + order.carrier())
                                + (order.trackingId() == null ? "." : ". Tracking id: " + order.trackingId() + "."));
            default -> throw new PermanentException("no email for notification type " + notificationType);
        };
    }
}
