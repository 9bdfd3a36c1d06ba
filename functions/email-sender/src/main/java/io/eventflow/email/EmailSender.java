package io.eventflow.email;

/**
 * Sends an email: SES in production ({@link SesEmailSender}), an in-memory twin in unit tests; one
 * contract suite keeps them alike.
 */
public interface EmailSender {
    /**
     * @return the message id the provider assigned
     * @throws io.eventflow.events.PermanentException when the provider rejects the message for good
     *                                                (unverified sender, invalid address)
     */
    String send(Email email);
}
