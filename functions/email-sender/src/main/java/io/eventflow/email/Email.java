package io.eventflow.email;

/** One plain-text email to one recipient. Holds an address: never log it. */
public record Email(String to, String subject, String body) {
    @Override
    public String toString() {
        return "Email[subject=" + subject + "]";
    }
}
