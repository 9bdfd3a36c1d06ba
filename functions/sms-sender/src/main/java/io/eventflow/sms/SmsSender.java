package io.eventflow.sms;

/**
 * Sends a text message: SNS Publish to a phone number in production ({@link SnsSmsSender}), an in-memory
 * twin in unit tests; one contract suite keeps them alike.
 */
public interface SmsSender {
    /**
     * @return the message id the provider assigned
     * @throws io.eventflow.events.PermanentException when the provider rejects it for good (invalid number)
     */
    String send(Sms sms);
}
