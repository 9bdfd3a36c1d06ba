package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** End to end on the emulator: events in a real EventStoreTable, replayed through the bus and to one rule's queue. */
@ExtendWith(EmulatorExtension.class)
class ReplayIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Instant DAY = Instant.parse("2026-11-28T00:00:00Z");

    private static EventStore store;
    private static ReplayHandler handler;
    private static TargetQueue placedQueue;
    private static TargetQueue paymentQueue;

    @BeforeAll
    static void createTableBusRulesAndQueues() {
        String table = "replay-events-" + SUFFIX;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", table);
        store = new DynamoDbEventStore(AwsClients.dynamo(), table);
        EventBridgeClient events =
                AwsClients.configure(EventBridgeClient.builder()).build();
        SqsClient sqs = AwsClients.configure(SqsClient.builder()).build();
        String busName = "replay-e2e-" + SUFFIX;
        events.createEventBus(b -> b.name(busName));
        placedQueue =
                TargetQueue.create(sqs, events, busName, "e2e-placed-" + SUFFIX, ReplayBusContract.placedPattern());
        paymentQueue = TargetQueue.create(
                sqs,
                events,
                busName,
                "e2e-payment-" + SUFFIX,
                "{\"detail-type\":[\"OrderPlaced\",\"PaymentAuthorized\"]}");
        handler = new ReplayHandler(store, new EventBridgeReplayBus(events, sqs, busName), Pacing.SYSTEM);
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream()
                .map(j -> j.path("detail").path("eventId").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void storedEventsComeBackThroughTheBusAsReplaysWithTheirOriginalEventIds() {
        String order = "ORD-" + SUFFIX + "a";
        EventEnvelope placed = Stored.append(store, SampleEvents.orderPlaced(order), DAY.plusSeconds(10));
        EventEnvelope paid =
                Stored.append(store, new PaymentAuthorized(order, "PAY-1", 7499, "EUR"), DAY.plusSeconds(20));

        ReplayReport report = handlerReplay(new ReplayRequest(
                null,
                List.of("OrderPlaced", "PaymentAuthorized"),
                DAY.plusSeconds(10),
                DAY.plusSeconds(21),
                "bus",
                100,
                false,
                null));

        assertThat(report.matched()).isEqualTo(2);
        assertThat(report.sent()).isEqualTo(2);
        List<JsonNode> got = paymentQueue.received(Set.of(placed.eventId(), paid.eventId()), 2);
        assertThat(ids(got)).containsExactlyInAnyOrder(placed.eventId(), paid.eventId());
        assertThat(got)
                .allSatisfy(j ->
                        assertThat(j.path("detail").path("replay").asBoolean()).isTrue());
        assertThat(ids(placedQueue.received(Set.of(placed.eventId()), 1))).containsExactly(placed.eventId());
    }

    @Test
    void aRuleTargetReplayReachesOnlyThatRulesQueue() {
        String order = "ORD-" + SUFFIX + "b";
        EventEnvelope placed = Stored.append(store, SampleEvents.orderPlaced(order), DAY.plusSeconds(30));
        EventEnvelope marker = Stored.append(store, SampleEvents.orderPlaced(order + "m"), DAY.plusSeconds(31));

        ReplayReport report = handlerReplay(
                new ReplayRequest("Order-" + order, null, null, null, "rule:e2e-payment-" + SUFFIX, null, false, null));
        ReplayReport markerReport = handlerReplay(new ReplayRequest(
                "Order-" + order + "m", null, null, null, "rule:e2e-placed-" + SUFFIX, null, false, null));

        assertThat(report.sent()).isEqualTo(1);
        assertThat(markerReport.sent()).isEqualTo(1);
        JsonNode got = paymentQueue.received(Set.of(placed.eventId()), 1).get(0);
        assertThat(got.path("detail").path("replay").asBoolean()).isTrue();
        assertThat(got.path("detail").path("sequence").asLong()).isEqualTo(1);
        // the marker went to the other queue after: once it is there, a stray copy of placed would be too
        assertThat(ids(placedQueue.received(Set.of(placed.eventId(), marker.eventId()), 1)))
                .containsExactly(marker.eventId());
    }

    private static ReplayReport handlerReplay(ReplayRequest r) {
        var out = handler.handleRequest(
                io.eventflow.events.EventJson.mapper()
                        .convertValue(
                                r,
                                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {}),
                null);
        return io.eventflow.events.EventJson.mapper().convertValue(out, ReplayReport.class);
    }
}
