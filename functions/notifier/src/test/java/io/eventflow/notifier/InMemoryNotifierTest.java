package io.eventflow.notifier;

import io.eventflow.events.EventJson;
import java.util.List;

class InMemoryNotifierTest extends NotifierContract {
    private final InMemoryNotifier notifier = new InMemoryNotifier();

    @Override
    protected Notifier notifier() {
        return notifier;
    }

    @Override
    protected List<InMemoryNotifier.Published> received(String notificationId, int expected) {
        return notifier.published().stream()
                .filter(p -> notificationId.equals(
                        EventJson.parse(p.message()).path("notificationId").asText()))
                .toList();
    }
}
