package io.eventflow.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link FailureRecords} in memory: a received record stays hidden (no clock here) until it is deleted or released. */
public final class InMemoryFailureRecords implements FailureRecords {
    private record Message(String id, String body) {}

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, String> hidden = new LinkedHashMap<>(); // handle -> message id

    public synchronized void send(String body) {
        String id = UUID.randomUUID().toString();
        messages.put(id, new Message(id, body));
    }

    /** Every record still in the queue (hidden or not). */
    public synchronized List<String> bodies() {
        return messages.values().stream().map(Message::body).toList();
    }

    @Override
    public synchronized List<Received> receive(int max, int hiddenSeconds) {
        List<Received> out = new ArrayList<>();
        for (Message m : messages.values()) {
            if (out.size() >= Math.min(10, max)) {
                break;
            }
            if (!hidden.containsValue(m.id())) {
                String handle = UUID.randomUUID().toString();
                hidden.put(handle, m.id());
                out.add(new Received(m.id(), handle, m.body()));
            }
        }
        return out;
    }

    @Override
    public synchronized void release(Received record) {
        hidden.remove(record.handle());
    }

    @Override
    public synchronized void delete(Received record) {
        String id = hidden.remove(record.handle());
        if (id != null) {
            messages.remove(id);
        }
    }
}
