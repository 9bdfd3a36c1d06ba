package io.eventflow.notifier;

import io.eventflow.notification.Notification;

/**
 * Publishes a notification to subscribers: SNS in production ({@link SnsNotifier}), an in-memory twin in
 * unit tests; one contract suite keeps them alike. The message is the notification as JSON, with the
 * message attributes {@code notificationType} and {@code orderId} (String) for subscription filter policies.
 */
public interface Notifier {
    String ATTR_TYPE = "notificationType";
    String ATTR_ORDER_ID = "orderId";

    /** @return the message id the transport assigned */
    String publish(Notification notification);
}
