package io.eventflow.sms;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The in-memory twin of {@link SnsSmsSender}: accepts E.164 numbers only, like SNS; keeps what it sent. */
public final class InMemorySmsSender implements SmsSender {
    private static final Pattern E164 = Pattern.compile("^\\+?[1-9]\\d{1,14}$");

    public record Sent(String messageId, Sms sms) {}

    private final List<Sent> sent = new ArrayList<>();
    private int failuresLeft;

    @Override
    public synchronized String send(Sms sms) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new RetryableException("injected SNS failure");
        }
        if (!E164.matcher(sms.phoneNumber()).matches()) {
            throw new PermanentException("SNS rejected the SMS: InvalidParameter");
        }
        String id = UUID.randomUUID().toString();
        sent.add(new Sent(id, sms));
        return id;
    }

    public synchronized void failNext(int times) {
        failuresLeft = times;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
