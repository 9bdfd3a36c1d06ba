package io.eventflow.sms;

/** One text message to one phone number (E.164). Holds a phone number: never log it. */
public record Sms(String phoneNumber, String text) {
    @Override
    public String toString() {
        return "Sms[length=" + text.length() + "]";
    }
}
