package io.eventflow.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.PermanentException;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.streams.InMemoryStreamRange;
import io.eventflow.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayHandlerTest {
    private static final Path SAMPLE = Path.of("../../events/replay/replay-day.json");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryReplayBus bus = new InMemoryReplayBus();
    private final ReplayHandler handler = new ReplayHandler(store, bus, new FakePacing());

    ReplayHandlerTest() {
        bus.putRule("all", ReplayBusContract.allPattern(), InMemoryReplayBus.queueArn("all"));
    }

    /** The input type exactly as the Lambda Java runtime sees it: the first type argument of RequestHandler. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> runtimeSerializer(int argument) {
        Type handlerType = ReplayHandler.class.getGenericInterfaces()[0];
        Type t = ((ParameterizedType) handlerType).getActualTypeArguments()[argument];
        return (PojoSerializer<Object>)
                (PojoSerializer<?>) JacksonFactory.getInstance().getSerializer(t);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample() throws IOException {
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            return (Map<String, Object>) runtimeSerializer(0).fromJson(in);
        }
    }

    @Test
    void theSamplePayloadIsReadByTheRuntimeSerializerAndDryRunsTheDay() throws IOException {
        Instant noon = Instant.parse("2026-11-28T12:00:00Z");
        Stored.append(store, SampleEvents.orderPlaced("ORD-1"), noon);
        Stored.append(store, new PaymentAuthorized("ORD-1", "PAY-1", 7499, "EUR"), noon.plusSeconds(1));
        Stored.append(store, SampleEvents.orderPlaced("ORD-2"), Instant.parse("2026-11-29T00:00:00Z"));

        Map<String, Object> report = handler.handleRequest(sample(), null);

        assertThat(report)
                .containsEntry("matched", 2L)
                .containsEntry("sent", 0L)
                .containsEntry("dryRun", true)
                .containsEntry("target", "bus")
                .containsKey("elapsedMs")
                .doesNotContainKey("resumeFrom");
        assertThat(bus.calls()).isZero();
        // and the runtime can write the answer back
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtimeSerializer(1).toJson(report, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"matched\":2");
    }

    @Test
    void withoutDryRunTheSamplesEventsAreSent() throws IOException {
        Stored.append(store, SampleEvents.orderPlaced("ORD-1"), Instant.parse("2026-11-28T12:00:00Z"));
        Map<String, Object> input = new HashMap<>(sample());
        input.put("dryRun", false);

        Map<String, Object> report = handler.handleRequest(input, null);

        assertThat(report)
                .containsEntry("matched", 1L)
                .containsEntry("sent", 1L)
                .containsEntry("failed", 0L);
        assertThat(bus.queue("all")).hasSize(1);
    }

    @Test
    void aMisspeltFieldIsRefusedSoADryRunNeverTurnsIntoARealOne() throws IOException {
        Map<String, Object> input = new HashMap<>(sample());
        input.remove("dryRun");
        input.put("dryrun", true);

        assertThatThrownBy(() -> handler.handleRequest(input, null))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("dryrun");
        assertThat(bus.calls()).isZero();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        Map<String, String> cases = Map.of(
                "{\"eventTypes\":[\"OrderPlaced\"],\"from\":\"2026-11-28T00:00:00Z\",\"to\":\"2026-11-29T00:00:00Z\",\"ratePerSecond\":501}",
                        "ratePerSecond",
                "{\"eventTypes\":[\"OrderPlaced\"],\"from\":\"2026-11-28T00:00:00Z\"}", "from and to",
                "{\"eventTypes\":[\"OrderPlaced\"],\"from\":\"2026-11-29T00:00:00Z\",\"to\":\"2026-11-28T00:00:00Z\"}",
                        "before",
                "{\"streamId\":\"Order-1\",\"target\":\"queue:x\"}", "target",
                "{\"streamId\":\"Order-1\",\"maxEvents\":0}", "maxEvents",
                "{\"from\":\"yesterday\",\"eventTypes\":[\"OrderPlaced\"]}", "invalid replay request",
                "{}", "streamId");
        cases.forEach((json, reason) -> assertThatThrownBy(() -> handler.handleRequest(parse(json), null))
                .as(json)
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining(reason));
    }

    @Test
    void aMissingRuleFailsBeforeAnythingIsRead() {
        Map<String, Object> input = parse("{\"streamId\":\"Order-1\",\"target\":\"rule:nope\"}");

        assertThatThrownBy(() -> handler.handleRequest(input, null))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("rule nope does not exist");
    }

    /**
     * {@code events/replay/recover.json}: a record the relay gave up (RelayFailureQueue) becomes a first delivery of
     * the event, which the notifier then tells the customer about; the record is deleted once it was sent.
     */
    @Test
    void theRecoverSampleDeliversWhatTheRelayGaveUpAsFirstDeliveries() throws IOException {
        InMemoryFailureRecords failures = new InMemoryFailureRecords();
        ReplayHandler recovering = new ReplayHandler(store, bus, failures, new InMemoryStreamRange(), new FakePacing());
        Instant outage = Instant.parse("2026-12-01T10:00:00Z");
        var confirmed = Stored.append(store, new io.eventflow.events.OrderConfirmed("ORD-1", "PAY-1"), outage);
        failures.send(FailureRecordsContract.failureRecord("100", "100", outage, outage, 1));
        Map<String, Object> input;
        try (InputStream in = Files.newInputStream(Path.of("../../events/replay/recover.json"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read =
                    (Map<String, Object>) runtimeSerializer(0).fromJson(in);
            input = read;
        }

        Map<String, Object> report = recovering.handleRequest(input, null);

        assertThat(report)
                .containsEntry("records", 1L)
                .containsEntry("recovered", 1L)
                .containsEntry("sent", 1L)
                .containsEntry("failed", 0L)
                .containsEntry("dryRun", false);
        assertThat(bus.queue("all")).singleElement().satisfies(e -> {
            assertThat(e.path("detail").path("eventId").asText()).isEqualTo(confirmed.eventId());
            assertThat(e.path("detail").has("replay"))
                    .as("a first delivery, not a replay")
                    .isFalse();
        });
        assertThat(failures.bodies()).isEmpty();
        assertThatThrownBy(() -> recovering.handleRequest(parse("{\"mode\":\"recover\",\"dryrun\":true}"), null))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("dryrun");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) runtimeSerializer(0).fromJson(json);
    }

    @Test
    void theSampleTypesAreKnownEventTypes() throws IOException {
        assertThat((List<String>) (List<?>) sample().get("eventTypes"))
                .allMatch(t -> io.eventflow.events.EventTypes.names().contains(t));
    }
}
