package io.eventflow.notifier;

import io.eventflow.events.EventJson;
import io.eventflow.events.RetryableException;
import io.eventflow.notification.Notification;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** {@link Notifier} on an SNS topic. */
public final class SnsNotifier implements Notifier {
    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(Notification n) {
        try {
            return sns.publish(b -> b.topicArn(topicArn)
                            .message(EventJson.write(n))
                            .messageAttributes(Map.of(
                                    ATTR_TYPE, string(n.notificationType()),
                                    ATTR_ORDER_ID, string(n.orderId()))))
                    .messageId();
        } catch (SdkException e) {
            throw new RetryableException("SNS publish failed: " + e.getMessage(), e);
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
