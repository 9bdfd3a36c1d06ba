package io.eventflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.lambda.EventBridgeMessages;
import io.eventflow.store.PositionedEventStore;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import io.eventflow.verify.StoredEventVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler on events/notifier/order-confirmed.json with the in-memory notifier and idempotency store. */
class NotifierHandlerTest {
    private static final String SAMPLE = "../../events/notifier/order-confirmed.json";

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    /** The store holds the sample's event (and every event a test sends): they verify. */
    private final PositionedEventStore store = new PositionedEventStore()
            .put(EventBridgeMessages.envelope(sample().getRecords().get(0).getBody()));

    private final NotifierHandler handler = new NotifierHandler(
            new NotifierService(notifier, new InMemoryIdempotencyStore(), new StoredEventVerifier(store)),
            Clock.systemUTC());

    private static SQSEvent sample() {
        return EventLoader.loadSQSEvent(SAMPLE);
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(new ArrayList<>(List.of(messages)));
        return e;
    }

    /** The sample's EventBridge event with another envelope in detail. */
    private String withDetail(EventEnvelope envelope) {
        store.put(envelope);
        return forged(envelope);
    }

    /** The same EventBridge event without storing the envelope: a message nobody appended. */
    private static String forged(EventEnvelope envelope) {
        ObjectNode event = EventJson.parseObject(sample().getRecords().get(0).getBody());
        event.put("detail-type", envelope.eventType());
        event.set("detail", EventCodec.toJson(envelope));
        return EventJson.write(event);
    }

    @Test
    void sampleIsAnEventBridgeEventWithAValidEnvelope() {
        EventEnvelope envelope =
                EventBridgeMessages.envelope(sample().getRecords().get(0).getBody());
        assertThat(envelope.eventType()).isEqualTo("OrderConfirmed");
    }

    @Test
    void publishesOneThinNotificationForTheSample() {
        SQSEvent event = sample();
        EventEnvelope envelope =
                EventBridgeMessages.envelope(event.getRecords().get(0).getBody());

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).singleElement().satisfies(p -> {
            JsonNode m = EventJson.parse(p.message());
            assertThat(m.path("notificationId").asText())
                    .isEqualTo(Ids.derived("notifier", envelope.eventId(), "notification"));
            assertThat(m.path("notificationType").asText()).isEqualTo("OrderConfirmed");
            assertThat(m.path("orderId").asText()).isEqualTo("ORD-1001");
            assertThat(m.path("eventId").asText()).isEqualTo(envelope.eventId());
            assertThat(m.path("correlationId").asText()).isEqualTo(envelope.correlationId());
            assertThat(m.path("occurredAt").asText())
                    .isEqualTo(envelope.timestamp().toString());
            assertThat(m.size()).isEqualTo(6);
            assertThat(p.attributes())
                    .containsEntry("notificationType", "OrderConfirmed")
                    .containsEntry("orderId", "ORD-1001");
        });
    }

    @Test
    void theSameEventDeliveredTwiceIsPublishedOnce() {
        handler.handleRequest(sample(), null);
        SQSBatchResponse again = handler.handleRequest(sample(), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void replayedEventsNotifyNoOne() {
        EventEnvelope envelope = EventBridgeMessages.envelope(
                        sample().getRecords().get(0).getBody())
                .asReplay();

        SQSBatchResponse response = handler.handleRequest(batch(message("m-1", withDetail(envelope))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).isEmpty();
    }

    @Test
    void aPoisonMessageIsABatchItemFailureAndDoesNotBlockTheOthers() {
        SQSEvent.SQSMessage good = sample().getRecords().get(0);
        SQSEvent event = batch(message("poison-1", "{\"detail\": \"not an envelope\"}"), good);

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("poison-1");
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void aFailedPublishIsRetriedOnTheNextDelivery() {
        notifier.failNext(1);

        SQSBatchResponse first = handler.handleRequest(sample(), null);
        SQSBatchResponse second = handler.handleRequest(sample(), null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void eachNotifiedTypeIsPublishedAndOthersAreIgnored() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (var e : SampleEvents.everyType("ORD-77")) {
            EventEnvelope envelope = SampleEvents.draft(e).positioned("Order-ORD-77", messages.size() + 1);
            messages.add(message("m-" + messages.size(), withDetail(envelope)));
        }

        SQSBatchResponse response = handler.handleRequest(batch(messages.toArray(SQSEvent.SQSMessage[]::new)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published())
                .extracting(p -> p.attributes().get("notificationType"))
                .containsExactly("OrderConfirmed", "OrderCancelled", "ShipmentScheduled");
        assertThat(notifier.published())
                .allSatisfy(p -> assertThat(p.message())
                        .doesNotContain("@")
                        .doesNotContain("+1555")
                        .doesNotContain("CUST-"));
    }

    /** The batch's claimed events are read together once; no message then reads its own. */
    @Test
    void aBatchIsVerifiedWithOneReadOfTheStore() {
        List<String> reads = new ArrayList<>();
        io.eventflow.store.EventStore counting = new io.eventflow.store.EventStore() {
            public java.util.Optional<EventEnvelope> find(String streamId, long sequence) {
                reads.add("find");
                return store.find(streamId, sequence);
            }

            public List<EventEnvelope> findAll(java.util.Collection<Position> positions) {
                reads.add("findAll " + positions.size());
                return store.findAll(positions);
            }

            public io.eventflow.store.AppendResult append(
                    String streamId, long expectedVersion, List<EventEnvelope> drafts) {
                throw new UnsupportedOperationException();
            }

            public List<EventEnvelope> readStream(String streamId, long fromSequence) {
                return store.readStream(streamId, fromSequence);
            }

            public long currentVersion(String streamId) {
                return store.currentVersion(streamId);
            }

            public io.eventflow.store.EventPage readByType(
                    String type,
                    java.time.Instant from,
                    java.time.Instant to,
                    java.util.Optional<String> page,
                    int limit) {
                throw new UnsupportedOperationException();
            }
        };
        NotifierHandler batched = new NotifierHandler(
                new NotifierService(notifier, new InMemoryIdempotencyStore(), new StoredEventVerifier(counting)),
                Clock.systemUTC());
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (var e : SampleEvents.everyType("ORD-78")) {
            EventEnvelope envelope = SampleEvents.draft(e).positioned("Order-ORD-78", messages.size() + 1);
            messages.add(message("m-" + messages.size(), withDetail(envelope)));
        }

        assertThat(batched.handleRequest(batch(messages.toArray(SQSEvent.SQSMessage[]::new)), null)
                        .getBatchItemFailures())
                .isEmpty();
        assertThat(notifier.published()).hasSize(3);
        assertThat(reads).containsExactly("findAll 3"); // one BatchGetItem on DynamoDB; no message reads on its own
    }

    @Test
    void aForgedOrAlteredEventNotifiesNoOneAndIsDeadLettered() {
        EventEnvelope stored =
                EventBridgeMessages.envelope(sample().getRecords().get(0).getBody());
        EventEnvelope forged = SampleEvents.draft(new io.eventflow.events.OrderCancelled("ORD-1001", "forged"))
                .positioned("Order-ORD-1001", 9);
        EventEnvelope altered = new EventEnvelope(
                stored.eventId(),
                "OrderCancelled",
                1,
                stored.timestamp(),
                stored.source(),
                stored.streamId(),
                stored.sequence(),
                stored.correlationId(),
                null,
                null,
                EventCodec.toJson(SampleEvents.draft(new io.eventflow.events.OrderCancelled("ORD-1001", "x")))
                        .with("data"));

        try (CapturedLog log = CapturedLog.start()) {
            SQSBatchResponse response =
                    handler.handleRequest(batch(message("f-1", forged(forged)), message("f-2", forged(altered))), null);

            assertThat(response.getBatchItemFailures())
                    .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("f-1", "f-2");
            assertThat(notifier.published()).isEmpty();
            assertThat(log.text())
                    .contains("\"reason\":\"unverified\"")
                    .contains("no such event in the store")
                    .contains("the store holds OrderConfirmed");
        }
    }
}
