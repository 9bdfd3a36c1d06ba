package io.eventflow.notification;

import io.eventflow.events.PermanentException;

/**
 * This customer's contact will never take this message (a phone number outside the allowed countries, an address
 * the provider rejects, a number that opted out): the customer's data, not the system, is at fault.
 * {@link CustomerMessaging} records the notification as skipped and counts it; it is not a failed message, so it
 * is neither retried nor dead-lettered.
 */
public final class UndeliverableException extends PermanentException {
    private final String reason;

    /**
     * @param reason short and free of contact data ("MessageRejected", "sms-country-not-allowed"): it is logged and
     *               recorded
     */
    public UndeliverableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
