package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PermanentException;
import io.eventflow.replay.ReplayBus.Delivery;
import io.eventflow.replay.ReplayBus.Outcome;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplayBus} does, checked on what the target queues receive. The fixture: rule
 * {@link #placedRule()} (detail-type OrderPlaced) → queue PLACED, rule {@link #allRule()} (every type) → queue
 * ALL, rule {@link #lambdaRule()} → a Lambda function (not SQS).
 */
public abstract class ReplayBusContract {
    protected enum Queue {
        PLACED,
        ALL
    }

    protected abstract ReplayBus bus();

    protected abstract String placedRule();

    protected abstract String allRule();

    protected abstract String lambdaRule();

    /**
     * The EventBridge events the queue got whose detail carries one of these eventIds (every copy); waits,
     * bounded, until there are at least {@code atLeast}.
     */
    protected abstract List<JsonNode> received(Queue queue, Set<String> eventIds, int atLeast);

    protected List<JsonNode> received(Queue queue, Set<String> eventIds) {
        return received(queue, eventIds, eventIds.size());
    }

    private List<String> idsIn(Queue queue, Set<String> eventIds, int atLeast) {
        return received(queue, eventIds, atLeast).stream()
                .map(j -> j.path("detail").path("eventId").asText())
                .toList();
    }

    protected static String placedPattern() {
        return EventJson.write(Map.of("detail-type", List.of("OrderPlaced")));
    }

    protected static String allPattern() {
        return EventJson.write(Map.of(
                "detail-type",
                io.eventflow.events.EventTypes.names().stream().sorted().toList()));
    }

    /** For the Lambda-target rule: never matches, so publishing to the bus never tries to invoke it. */
    protected static String neverPattern() {
        return EventJson.write(Map.of("source", List.of("eventflow.never")));
    }

    static EventEnvelope orderPlaced() {
        String orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        return SampleEvents.draft(SampleEvents.orderPlaced(orderId))
                .positioned("Order-" + orderId, 1)
                .asReplay();
    }

    static EventEnvelope paymentAuthorized() {
        String orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        return SampleEvents.draft(new PaymentAuthorized(orderId, "PAY-" + orderId, 7499, "EUR"))
                .positioned("Order-" + orderId, 3)
                .asReplay();
    }

    @Test
    void theBusDeliversToEveryMatchingRuleWithTheEnvelopeAsDetail() {
        EventEnvelope e = orderPlaced();

        assertThat(bus().everyRule().send(List.of(e)))
                .singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.SENT));

        for (Queue q : Queue.values()) {
            JsonNode got = received(q, Set.of(e.eventId())).get(0);
            assertThat(got.path("source").asText()).isEqualTo(e.source());
            assertThat(got.path("detail-type").asText()).isEqualTo("OrderPlaced");
            assertThat(got.path("detail").path("replay").asBoolean()).isTrue();
            assertThat(EventCodec.fromJson(got.get("detail"))).isEqualTo(e);
        }
    }

    @Test
    void aRuleGetsTheEventBridgeShapedEventInItsQueuesOnly() {
        EventEnvelope e = orderPlaced();
        EventEnvelope marker = orderPlaced();

        assertThat(bus().rule(placedRule()).send(List.of(e)))
                .extracting(Delivery::outcome)
                .containsExactly(Outcome.SENT);
        assertThat(bus().rule(allRule()).send(List.of(marker)))
                .extracting(Delivery::outcome)
                .containsExactly(Outcome.SENT);

        JsonNode got = received(Queue.PLACED, Set.of(e.eventId())).get(0);
        assertThat(got.path("version").asText()).isEqualTo("0");
        assertThat(got.path("id").asText()).isNotBlank();
        assertThat(got.path("source").asText()).isEqualTo(e.source());
        assertThat(got.path("detail-type").asText()).isEqualTo("OrderPlaced");
        assertThat(got.path("account").asText()).isNotBlank();
        assertThat(got.path("region").asText()).isNotBlank();
        assertThat(got.path("time").asText()).isEqualTo(e.timestamp().toString());
        assertThat(got.path("resources").isArray()).isTrue();
        assertThat(got.get("detail")).isEqualTo(EventJson.toObject(e));
        // the marker went through the other rule after e: once it is there, e would have been too
        assertThat(idsIn(Queue.ALL, Set.of(e.eventId(), marker.eventId()), 1)).containsExactly(marker.eventId());
    }

    @Test
    void eventsTheRulePatternDoesNotMatchAreNotSent() {
        EventEnvelope placed = orderPlaced();
        EventEnvelope payment = paymentAuthorized();

        List<Delivery> results = bus().rule(placedRule()).send(List.of(payment, placed));

        assertThat(results).extracting(Delivery::outcome).containsExactly(Outcome.NOT_MATCHED, Outcome.SENT);
        assertThat(idsIn(Queue.PLACED, Set.of(placed.eventId(), payment.eventId()), 1))
                .containsExactly(placed.eventId());
    }

    @Test
    void anUnknownRuleIsRefused() {
        assertThatThrownBy(() -> bus().rule("no-such-rule-" + UUID.randomUUID()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aRuleWithANonSqsTargetIsRefused() {
        assertThatThrownBy(() -> bus().rule(lambdaRule()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("only SQS targets");
    }

    @Test
    void moreThanTenEventsGetOneResultEachInOrder() {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(orderPlaced());
        }
        Set<String> ids = Set.copyOf(events.stream().map(EventEnvelope::eventId).toList());

        for (ReplayBus.Destination d : List.of(bus().everyRule(), bus().rule(placedRule()))) {
            List<Delivery> results = d.send(events);
            assertThat(results)
                    .extracting(Delivery::eventId)
                    .containsExactlyElementsOf(
                            events.stream().map(EventEnvelope::eventId).toList());
            assertThat(results).extracting(Delivery::outcome).containsOnly(Outcome.SENT);
        }
        // twice: once through the bus, once straight to the rule's queue
        assertThat(received(Queue.PLACED, ids, 24)).hasSize(24);
    }

    @Test
    void anEventWithoutSourceFailsAloneOnTheBusAndIsNotRetryable() {
        EventEnvelope ok = orderPlaced();
        EventEnvelope e = orderPlaced();
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
                e.replay(),
                e.data());

        List<Delivery> results = bus().everyRule().send(List.of(noSource, ok));

        assertThat(results.get(1).outcome()).isEqualTo(Outcome.SENT);
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(0).errorCode()).isEqualTo("InvalidArgument");
        assertThat(results.get(0).retryable()).isFalse();
    }
}
