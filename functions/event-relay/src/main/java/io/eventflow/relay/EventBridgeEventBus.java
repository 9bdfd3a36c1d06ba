package io.eventflow.relay;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** {@link EventBus} on an EventBridge bus: PutEvents in calls of at most 10 entries. */
public final class EventBridgeEventBus implements EventBus {
    /** Priming: an empty PutEvents through the full request path (refused: it puts nothing on any bus). */
    public static void prime(software.amazon.awssdk.services.eventbridge.EventBridgeClient events) {
        io.eventflow.priming.Priming.call(() -> events.putEvents(
                b -> b.entries(java.util.List.of()).overrideConfiguration(io.eventflow.priming.Priming.request())));
    }

    /** PutEvents rejects a request with more entries. */
    public static final int MAX_ENTRIES_PER_CALL = 10;
    /** Code reported for every entry of a call that failed as a whole (network, throttled request...). */
    public static final String CALL_FAILED = "PutEventsCallFailed";

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgeEventBus(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public List<PublishResult> publish(List<EventEnvelope> events) {
        List<PublishResult> results = new ArrayList<>(events.size());
        for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_CALL) {
            results.addAll(putEvents(events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_CALL))));
        }
        return results;
    }

    private List<PublishResult> putEvents(List<EventEnvelope> chunk) {
        List<PutEventsRequestEntry> entries = chunk.stream().map(this::entry).toList();
        PutEventsResponse response;
        try {
            response = client.putEvents(b -> b.entries(entries));
        } catch (SdkException e) {
            // Nothing of this call is known to be published: every entry is failed and may be retried.
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            return chunk.stream()
                    .map(ev -> PublishResult.failed(ev.eventId(), CALL_FAILED, reason))
                    .toList();
        }
        List<PutEventsResultEntry> answers = response.entries();
        List<PublishResult> results = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            // Result entry i answers request entry i (PutEvents keeps the order and the length).
            PutEventsResultEntry answer = i < answers.size() ? answers.get(i) : null;
            String eventId = chunk.get(i).eventId();
            if (answer == null) {
                results.add(PublishResult.failed(eventId, CALL_FAILED, "no result entry for entry " + i));
            } else if (answer.errorCode() != null && !answer.errorCode().isEmpty()) {
                results.add(PublishResult.failed(eventId, answer.errorCode(), answer.errorMessage()));
            } else {
                results.add(PublishResult.published(eventId, answer.eventId()));
            }
        }
        return results;
    }

    /** The stored version of the envelope goes out as is: consumers upcast on read. */
    private PutEventsRequestEntry entry(EventEnvelope e) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(e.source())
                .detailType(e.eventType())
                .detail(EventJson.write(e))
                .time(e.timestamp())
                .build();
    }
}
