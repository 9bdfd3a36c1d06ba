package io.eventflow.sms;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.notification.UndeliverableException;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** {@link SmsSender} on SNS Publish with a PhoneNumber (transactional SMS: order updates are time-critical). */
public final class SnsSmsSender implements SmsSender {
    /** SNS errors the same message will hit again. */
    private static final Set<String> PERMANENT = Set.of("InvalidParameter", "InvalidParameterValue");
    /** The customer's number opted out of SMS: never a message to it, and nothing ops can fix. */
    private static final String OPTED_OUT = "OptedOut";

    private final SnsClient sns;

    public SnsSmsSender(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String send(Sms sms) {
        try {
            return sns.publish(b -> b.phoneNumber(sms.phoneNumber())
                            .message(sms.text())
                            .messageAttributes(Map.of(
                                    "AWS.SNS.SMS.SMSType",
                                    MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue("Transactional")
                                            .build())))
                    .messageId();
        } catch (AwsServiceException e) {
            // The error code only: SNS messages may quote the number.
            throw failure(
                    e.awsErrorDetails() == null
                            ? e.getClass().getSimpleName()
                            : e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            throw new RetryableException(
                    "SNS SMS publish failed: " + e.getClass().getSimpleName());
        }
    }

    /** What an SNS Publish error code means for this SMS (the emulator answers none of the permanent codes). */
    static RuntimeException failure(String code) {
        if (OPTED_OUT.equals(code)) {
            return new UndeliverableException(code, "SNS refused the SMS: " + code);
        }
        if (PERMANENT.contains(code)) {
            return new PermanentException("SNS rejected the SMS: " + code);
        }
        return new RetryableException("SNS SMS publish failed: " + code);
    }
}
