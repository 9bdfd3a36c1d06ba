package io.eventflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.BusPayload;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.EventSchemas;
import io.eventflow.lambda.StreamRecords;
import io.eventflow.store.EventItems;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.TimedContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler on the sample stream batch (events/event-relay/stream-inserts.json) with the in-memory bus. */
class EventRelayHandlerTest {
    private static final String SAMPLE = "../../events/event-relay/stream-inserts.json";
    /** A MODIFY of a stored OrderPlaced (total changed), a REMOVE of a stored event, then an ordinary INSERT. */
    private static final String REWRITES = "../../events/event-relay/stream-rewrites.json";

    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final EventRelayHandler handler = new EventRelayHandler(new EventRelay(bus, 3, Duration.ZERO, d -> {}));

    private static DynamodbEvent sample() {
        return EventLoader.loadDynamoDbEvent(SAMPLE);
    }

    private static List<EventEnvelope> storedEvents(DynamodbEvent event) {
        return event.getRecords().stream()
                .map(StreamRecords::envelope)
                .flatMap(Optional::stream)
                .toList();
    }

    @Test
    void sampleHoldsValidEventItemsExactlyAsTheStoreWritesThemPlusAGuardItem() {
        DynamodbEvent event = sample();
        assertThat(event.getRecords()).hasSize(4).allMatch(r -> "INSERT".equals(r.getEventName()));
        List<EventEnvelope> events = storedEvents(event);
        assertThat(events).hasSize(3);
        for (EventEnvelope e : events) {
            assertThat(EventSchemas.validate(EventCodec.toJson(e))).isEmpty();
        }
        int eventItems = 0;
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            Map<String, String> image = plain(r.getDynamodb().getNewImage());
            if (EventItems.isEvent(image)) {
                assertThat(image).isEqualTo(EventItems.toAttributes(EventItems.fromAttributes(image)));
                eventItems++;
            } else {
                assertThat(image.get(EventItems.KIND)).isEqualTo(EventItems.KIND_GUARD);
            }
        }
        assertThat(eventItems).isEqualTo(3);
    }

    @Test
    void publishesEachStoredEventInItsBusFormAndSkipsTheGuardItem() {
        DynamodbEvent event = sample();

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<EventEnvelope> expected = storedEvents(event);
        assertThat(bus.entries()).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            EventEnvelope e = expected.get(i);
            InMemoryEventBus.Entry entry = bus.entries().get(i);
            assertThat(entry.source()).isEqualTo(e.source());
            assertThat(entry.detailType()).isEqualTo(e.eventType());
            assertThat(entry.detail()).isEqualTo(EventJson.write(BusPayload.of(e)));
            assertThat(entry.time()).isEqualTo(e.timestamp());
        }
        // The v1 OrderPlaced goes out as v1: consumers upcast, the relay does not.
        JsonNode v1 = EventJson.parse(bus.entries().get(2).detail());
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("data").has("currency")).isFalse();
        assertThat(bus.entries())
                .extracting(InMemoryEventBus.Entry::detail)
                .noneMatch(d -> d.contains("customerEmail") || d.contains("customerPhone"));
    }

    @Test
    void reportsTheSequenceNumberOfTheFirstEventThatCouldNotBePublished() {
        DynamodbEvent event = sample();
        List<EventEnvelope> events = storedEvents(event);
        bus.failNext(events.get(1).eventId(), "InternalFailure", 99);
        bus.failNext(events.get(2).eventId(), "InternalFailure", 99);

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEqualTo(event.getRecords().get(2).getDynamodb().getSequenceNumber());
    }

    @Test
    void anUnreadableEventItemStopsTheBatchThereAndIsReported() {
        DynamodbEvent event = sample();
        var broken = event.getRecords().get(2).getDynamodb().getNewImage();
        broken.put("data", new AttributeValue().withS("{not json"));

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEqualTo(event.getRecords().get(2).getDynamodb().getSequenceNumber());
        assertThat(bus.entries()).hasSize(1);
    }

    /**
     * 25 events take three PutEvents calls of at most 10; each call costs 1 s of the invocation. With the relay's
     * margin plus 1.5 s left, two calls fit: the third is not started and its first record is reported.
     */
    @Test
    void nearTheDeadlineTheRelayStartsNoCallAndReportsTheFirstUnsentRecord() {
        DynamodbEvent event = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            DynamodbEvent.DynamodbStreamRecord r = sample().getRecords().stream()
                    .filter(x -> EventItems.isEvent(plain(x.getDynamodb().getNewImage())))
                    .findFirst()
                    .orElseThrow();
            r.getDynamodb()
                    .getNewImage()
                    .put(
                            "eventId",
                            new AttributeValue()
                                    .withS(java.util
                                            .UUID
                                            .nameUUIDFromBytes(("e" + i).getBytes())
                                            .toString()));
            r.getDynamodb().setSequenceNumber(Integer.toString(1000 + i));
            records.add(r);
        }
        event.setRecords(records);
        TimedContext context = new TimedContext(io.eventflow.aws.Deadlines.RELAY_STOP_MARGIN.toMillis() + 1_500);
        EventBus timed = envelopes -> {
            context.spend(1_000);
            return bus.publish(envelopes);
        };
        EventRelayHandler timedHandler = new EventRelayHandler(new EventRelay(timed, 3, Duration.ZERO, d -> {}));

        StreamsEventResponse response = timedHandler.handleRequest(event, context);

        assertThat(bus.entries()).hasSize(20);
        assertThat(response.getBatchItemFailures())
                .singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEqualTo("1020");
    }

    @Test
    void aRewrittenOrRemovedStoredEventIsCountedAndLoggedByKeyAndNotPublishedAgain() {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(REWRITES);
        EventRelayHandler handler = new EventRelayHandler(
                new EventRelay(bus, 3, Duration.ZERO, d -> {}),
                Clock.fixed(Instant.parse("2026-11-28T10:20:00Z"), ZoneOffset.UTC));

        StreamsEventResponse response;
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            response = handler.handleRequest(event, null);
            log = captured.text();
        }

        assertThat(response.getBatchItemFailures())
                .as("a rewrite does not hold the shard")
                .isEmpty();
        assertThat(bus.entries())
                .as("only the INSERT is published")
                .singleElement()
                .satisfies(e -> assertThat(
                                EventJson.parse(e.detail()).path("streamId").asText())
                        .isEqualTo("Order-ORD-0999"));
        assertThat(log.lines().filter(l -> l.contains("\"consumer\":\"event-relay\",\"EventStoreRewrites\":1")))
                .hasSize(2);
        assertThat(log)
                .contains("\"message\":\"stored item rewritten\"")
                .contains("\"eventName\":\"MODIFY\",\"streamId\":\"Order-ORD-1001\",\"sequence\":\"1\"")
                .contains("\"eventName\":\"REMOVE\",\"streamId\":\"Order-ORD-1001\",\"sequence\":\"2\"");
        assertThat(log)
                .as("keys only, not the rewritten image")
                .doesNotContain("ada@example.com")
                .doesNotContain("CUST-42");
    }

    @Test
    void anEmptyBatchSucceeds() {
        assertThat(handler.handleRequest(new DynamodbEvent(), null).getBatchItemFailures())
                .isEmpty();
    }

    private static Map<String, String> plain(Map<String, AttributeValue> image) {
        Map<String, String> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, v.getS() != null ? v.getS() : v.getN()));
        return out;
    }
}
