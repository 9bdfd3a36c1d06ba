package io.eventflow.replay;

import io.eventflow.events.EventEnvelope;
import java.util.List;

/**
 * Where replayed events go: the whole bus (every rule sees them) or the SQS targets of one rule only.
 * EventBridge + SQS in production ({@link EventBridgeReplayBus}), an in-memory twin in unit tests; one
 * contract suite keeps them alike.
 */
public interface ReplayBus {

    /** PutEvents on the bus: every rule whose pattern matches delivers the event to its targets. */
    Destination everyRule();

    /**
     * The SQS targets of one rule, resolved now (ListTargetsByRule). Only SQS targets without an input
     * transformation are supported: anything else is refused with a {@link io.eventflow.events.PermanentException}.
     * The rule's event pattern still applies: events it does not match are answered {@link Outcome#NOT_MATCHED}.
     */
    Destination rule(String ruleName);

    /** A resolved place to send events to. */
    interface Destination {
        /** For logs and reports, e.g. {@code bus eventflow-dev} or {@code rule X -> [queue-a]}. */
        String description();

        /** Sends every event (any number; adapters split into calls of at most 10); one result per event, in order. */
        List<Delivery> send(List<EventEnvelope> events);
    }

    enum Outcome {
        SENT,
        NOT_MATCHED,
        FAILED
    }

    /** What happened to one event; errorCode/errorMessage only on FAILED. */
    record Delivery(String eventId, Outcome outcome, String errorCode, String errorMessage, boolean retryable) {
        public static Delivery sent(String eventId) {
            return new Delivery(eventId, Outcome.SENT, null, null, false);
        }

        public static Delivery notMatched(String eventId) {
            return new Delivery(eventId, Outcome.NOT_MATCHED, null, null, false);
        }

        public static Delivery failed(String eventId, String errorCode, String errorMessage, boolean retryable) {
            return new Delivery(eventId, Outcome.FAILED, errorCode, errorMessage, retryable);
        }

        public boolean failed() {
            return outcome == Outcome.FAILED;
        }
    }
}
