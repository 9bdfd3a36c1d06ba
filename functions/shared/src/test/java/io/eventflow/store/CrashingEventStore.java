package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Delegates to a real store but fails the next append, as a Lambda that dies between its effect and its append. */
public final class CrashingEventStore implements EventStore {
    private final EventStore delegate;
    private boolean crashNextAppend;

    public CrashingEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    public void crashNextAppend() {
        crashNextAppend = true;
    }

    @Override
    public AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts) {
        if (crashNextAppend) {
            crashNextAppend = false;
            throw new IllegalStateException("simulated crash before the append");
        }
        return delegate.append(streamId, expectedVersion, drafts);
    }

    @Override
    public List<EventEnvelope> readStream(String streamId, long fromSequence) {
        return delegate.readStream(streamId, fromSequence);
    }

    @Override
    public long currentVersion(String streamId) {
        return delegate.currentVersion(streamId);
    }

    @Override
    public EventPage readByType(String eventType, Instant from, Instant to, Optional<String> pageToken, int limit) {
        return delegate.readByType(eventType, from, to, pageToken, limit);
    }
}
