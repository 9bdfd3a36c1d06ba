package io.eventflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.relay.EventBus.PublishResult;
import io.eventflow.testing.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} does, checked on what a rule target receives: runs against the in-memory
 * twin and against EventBridge on the emulator (rule → SQS queue).
 */
public abstract class EventBusContract {
    protected abstract EventBus bus();

    /** The EventBridge events (as a rule target gets them) carrying these eventIds in detail; waits (bounded) for all. */
    protected abstract List<JsonNode> received(Set<String> eventIds);

    private static List<EventEnvelope> stored(int n) {
        String orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        var types = SampleEvents.everyType(orderId);
        List<EventEnvelope> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SampleEvents.draft(types.get(i % types.size()), SampleEvents.T0.plusMillis(i))
                    .positioned("Order-" + orderId, i + 1));
        }
        return out;
    }

    private static Set<String> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::eventId).collect(Collectors.toSet());
    }

    @Test
    void publishedEventArrivesWithSourceDetailTypeAndTheEnvelopeAsDetail() {
        EventEnvelope event = stored(1).get(0);

        List<PublishResult> results = bus().publish(List.of(event));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.eventId()).isEqualTo(event.eventId());
            assertThat(r.busEventId()).isNotBlank();
        });
        JsonNode got = received(Set.of(event.eventId())).get(0);
        assertThat(got.path("source").asText()).isEqualTo(event.source());
        assertThat(got.path("detail-type").asText()).isEqualTo(event.eventType());
        assertThat(got.get("detail")).isEqualTo(EventJson.parse(EventJson.write(event)));
        assertThat(EventCodec.fromJson(got.get("detail"))).isEqualTo(event);
    }

    @Test
    void moreThanTenEventsAreAllPublishedWithOneResultEachInOrder() {
        List<EventEnvelope> events = stored(12);

        List<PublishResult> results = bus().publish(events);

        assertThat(results)
                .extracting(PublishResult::eventId)
                .containsExactlyElementsOf(
                        events.stream().map(EventEnvelope::eventId).toList());
        assertThat(results).allMatch(PublishResult::ok);
        assertThat(received(ids(events))).hasSize(12);
    }

    @Test
    void anEntryWithoutSourceFailsAloneAndIsNotRetryable() {
        List<EventEnvelope> events = new ArrayList<>(stored(3));
        EventEnvelope e = events.get(1);
        EventEnvelope noSource = new EventEnvelope(
                e.eventId(),
                e.eventType(),
                e.version(),
                e.timestamp(),
                null,
                e.streamId(),
                e.sequence(),
                e.correlationId(),
                e.causationId(),
                null,
                e.data());
        events.set(1, noSource);

        List<PublishResult> results = bus().publish(events);

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(2).ok()).isTrue();
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).errorCode()).isEqualTo("InvalidArgument");
        assertThat(results.get(1).retryable()).isFalse();
        List<JsonNode> got =
                received(Set.of(events.get(0).eventId(), events.get(2).eventId()));
        assertThat(got)
                .extracting(j -> j.path("detail").path("eventId").asText())
                .doesNotContain(noSource.eventId());
    }

    @Test
    void publishingNothingIsANoOp() {
        assertThat(bus().publish(List.of())).isEmpty();
    }

    @Test
    void theStoredVersionIsPublishedNotUpcast() {
        var v2 = stored(1).get(0);
        var v1Data = v2.data().deepCopy();
        v1Data.remove("currency");
        EventEnvelope v1 = new EventEnvelope(
                UUID.randomUUID().toString(),
                "OrderPlaced",
                1,
                Instant.parse("2026-11-28T10:00:00Z"),
                "eventflow.orders",
                v2.streamId(),
                1,
                "corr-v1",
                null,
                null,
                v1Data);

        assertThat(bus().publish(List.of(v1))).allMatch(PublishResult::ok);

        JsonNode detail = received(Set.of(v1.eventId())).get(0).get("detail");
        assertThat(detail.path("version").asInt()).isEqualTo(1);
        assertThat(detail.path("data").has("currency")).isFalse();
    }
}
