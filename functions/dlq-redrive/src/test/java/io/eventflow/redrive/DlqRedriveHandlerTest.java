package io.eventflow.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.eventflow.events.EventJson;
import io.eventflow.events.PermanentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DlqRedriveHandlerTest {
    private InMemoryRedriveQueues queues;
    private String source;
    private String dlq;

    private DlqRedriveHandler handler(boolean moveTasks) {
        queues = new InMemoryRedriveQueues(moveTasks);
        dlq = queues.createQueue("eventflow-inventory-dlq-dev", null, 0);
        source = queues.createQueue("eventflow-inventory-dev", dlq, 3);
        return new DlqRedriveHandler(new DlqRedrive(queues, d -> {}));
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> runtimeSerializer(int argument) {
        Type handlerType = DlqRedriveHandler.class.getGenericInterfaces()[0];
        Type t = ((ParameterizedType) handlerType).getActualTypeArguments()[argument];
        return (PojoSerializer<Object>)
                (PojoSerializer<?>) JacksonFactory.getInstance().getSerializer(t);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("../../events/dlq-redrive/" + file))) {
            return (Map<String, Object>) runtimeSerializer(0).fromJson(in);
        }
    }

    private static String written(Map<String, Object> report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtimeSerializer(1).toJson(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theInspectSampleListsDeadLettersWithoutCustomerData() throws IOException {
        DlqRedriveHandler handler = handler(false);
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());
        queues.send(dlq, DeadLetters.message(DeadLetters.orderPlacedEvent(), Map.of()));

        Map<String, Object> report = handler.handleRequest(load("inspect.json"), null);

        assertThat(report).containsEntry("dlqUrl", dlq).containsEntry("approximateDepth", 2L);
        assertThat((List<?>) report.get("messages")).hasSize(2);
        String json = written(report);
        assertThat(json)
                .contains("SQSError")
                .contains("bodyPreview")
                .contains("receiveCount")
                .doesNotContain("ada@example.com")
                .doesNotContain("5550100042");
        assertThat(queues.approximateDepth(dlq)).isEqualTo(2);
    }

    @Test
    void theRedriveSampleMovesEverythingBackThroughAMoveTaskWhereThereIsOne() throws IOException {
        DlqRedriveHandler handler = handler(true);
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());

        Map<String, Object> report = handler.handleRequest(load("redrive.json"), null);

        assertThat(report)
                .containsEntry("method", "StartMessageMoveTask")
                .containsEntry("moved", 1L)
                .containsEntry("remaining", 0L)
                .containsEntry("sourceQueueUrl", source);
        assertThat(written(report)).contains("\"method\":\"StartMessageMoveTask\"");
    }

    @Test
    void theRedriveSampleFallsBackToReceiveSendDeleteWhereThereIsNone() throws IOException {
        DlqRedriveHandler handler = handler(false);
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());

        Map<String, Object> report = handler.handleRequest(load("redrive.json"), null);

        assertThat(report)
                .containsEntry("method", "receive-send-delete")
                .containsEntry("moved", 2L)
                .containsEntry("failed", 0L)
                .containsEntry("remaining", 0L)
                .containsEntry("complete", true);
        assertThat(queues.approximateDepth(source)).isEqualTo(2);
    }

    @Test
    void aMisspeltFieldIsRefusedSoAnInspectionNeverMovesMessages() throws IOException {
        DlqRedriveHandler handler = handler(false);
        queues.send(dlq, DeadLetters.fromRuleTargetDlq());
        Map<String, Object> input = new HashMap<>(load("inspect.json"));
        input.remove("inspectOnly");
        input.put("inspectonly", true);

        assertThatThrownBy(() -> handler.handleRequest(input, null))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("inspectonly");
        assertThat(queues.approximateDepth(dlq)).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        DlqRedriveHandler handler = handler(false);
        Map<String, String> cases = Map.of(
                "{}", "exactly one of dlqUrl and dlqName",
                "{\"dlqUrl\":\"u\",\"dlqName\":\"n\"}", "exactly one",
                "{\"dlqName\":\"eventflow-inventory-dlq-dev\",\"inspectOnly\":true,\"maxMessages\":101}", "maxMessages",
                "{\"dlqName\":\"eventflow-inventory-dlq-dev\",\"maxMessages\":0}", "maxMessages",
                "{\"dlqName\":\"no-such-dlq\"}", "does not exist");
        cases.forEach((json, reason) -> assertThatThrownBy(() -> handler.handleRequest(parse(json), null))
                .as(json)
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining(reason));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) EventJson.mapper().convertValue(EventJson.parse(json), Map.class);
    }
}
