package io.eventflow.notifier;

import io.eventflow.events.EventJson;
import io.eventflow.notification.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The in-memory twin of {@link SnsNotifier}: keeps what was published; can be told to fail. */
public final class InMemoryNotifier implements Notifier {
    /** One published message as a subscriber sees it. */
    public record Published(String messageId, String message, Map<String, String> attributes) {}

    private final List<Published> published = new ArrayList<>();
    private int failuresLeft;

    @Override
    public synchronized String publish(Notification n) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new io.eventflow.events.RetryableException("injected SNS failure");
        }
        String id = UUID.randomUUID().toString();
        published.add(new Published(
                id, EventJson.write(n), Map.of(ATTR_TYPE, n.notificationType(), ATTR_ORDER_ID, n.orderId())));
        return id;
    }

    public synchronized void failNext(int times) {
        failuresLeft = times;
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }
}
