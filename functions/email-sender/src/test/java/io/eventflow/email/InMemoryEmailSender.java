package io.eventflow.email;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.notification.UndeliverableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The in-memory twin of {@link SesEmailSender}: sends only from a verified identity (address or domain) and
 * to an address with a domain, like SES; keeps what it sent; can be told to fail.
 */
public final class InMemoryEmailSender implements EmailSender {
    public record Sent(String messageId, String from, Email email) {}

    private final String from;
    private final Set<String> verifiedIdentities;
    private final List<Sent> sent = new ArrayList<>();
    private int failuresLeft;

    public InMemoryEmailSender(String from, Set<String> verifiedIdentities) {
        this.from = from;
        this.verifiedIdentities = Set.copyOf(verifiedIdentities);
    }

    /** A sender whose address is verified. */
    public InMemoryEmailSender(String from) {
        this(from, Set.of(from));
    }

    @Override
    public synchronized String send(Email email) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new RetryableException("injected SES failure");
        }
        if (!verifiedIdentities.contains(from) && !verifiedIdentities.contains(domain(from))) {
            throw new UndeliverableException("MessageRejected", "SES rejected the email: MessageRejected");
        }
        if (domain(email.to()).isEmpty()) {
            throw new PermanentException("SES rejected the email: InvalidParameterValue");
        }
        String id = UUID.randomUUID().toString();
        sent.add(new Sent(id, from, email));
        return id;
    }

    private static String domain(String address) {
        String[] parts = address.split("@", -1);
        return parts.length == 2 ? parts[1] : "";
    }

    public synchronized void failNext(int times) {
        failuresLeft = times;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
