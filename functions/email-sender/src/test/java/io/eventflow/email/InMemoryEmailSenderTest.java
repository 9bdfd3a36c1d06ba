package io.eventflow.email;

import java.util.Set;

class InMemoryEmailSenderTest extends EmailSenderContract {
    private final InMemoryEmailSender sender = new InMemoryEmailSender("orders@eventflow.example");

    @Override
    protected EmailSender sender() {
        return sender;
    }

    @Override
    protected EmailSender unverifiedSender() {
        return new InMemoryEmailSender("nobody@unverified.example", Set.of("orders@eventflow.example"));
    }

    @Override
    protected long sentCount() {
        return sender.sent().size();
    }
}
