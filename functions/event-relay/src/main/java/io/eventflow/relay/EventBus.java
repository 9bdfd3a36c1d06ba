package io.eventflow.relay;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PutEventsErrors;
import java.util.List;

/**
 * Where stored events are published: EventBridge in production ({@link EventBridgeEventBus}), an in-memory
 * twin in unit tests; one contract suite keeps them alike. Each event becomes one entry with
 * {@code Source} = envelope source, {@code DetailType} = eventType, {@code Detail} = the envelope JSON.
 */
public interface EventBus {

    /**
     * Publishes every event (any number: adapters split into calls of at most 10 entries).
     *
     * @return one result per event, in the order given; a failure of one entry does not fail the others
     */
    List<PublishResult> publish(List<EventEnvelope> events);

    /** What happened to one event. {@code errorCode} is null when it was accepted by the bus. */
    record PublishResult(String eventId, String busEventId, String errorCode, String errorMessage) {

        public static PublishResult published(String eventId, String busEventId) {
            return new PublishResult(eventId, busEventId, null, null);
        }

        public static PublishResult failed(String eventId, String errorCode, String errorMessage) {
            return new PublishResult(eventId, null, errorCode, errorMessage);
        }

        public boolean ok() {
            return errorCode == null;
        }

        /** InternalFailure, ThrottlingException, a failed call and unknown codes may pass on a later try. */
        public boolean retryable() {
            return !ok() && !PutEventsErrors.permanent(errorCode);
        }
    }
}
