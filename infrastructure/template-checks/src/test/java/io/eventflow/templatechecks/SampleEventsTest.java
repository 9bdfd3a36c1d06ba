package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventflow.emulator.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function has sample events in events/&lt;module dir&gt;/ (for {@code sam local invoke -e} and the handler
 * tests), at least one of them in the shape its template event source delivers; SNS-in-SQS samples carry a
 * notificationType the subscription's filter policy lets through.
 */
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> RECORD_SOURCE = Map.of("SQS", "aws:sqs", "DynamoDB", "aws:dynamodb");

    private final Wiring wiring = Wiring.project();

    @TestFactory
    Stream<DynamicTest> everyFunctionHasASampleInTheShapeOfItsEventSource() {
        Path events = RepoRoot.find().resolve("events");
        return Architecture.load().functions().values().stream()
                .map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
                    Path dir = events.resolve(f.moduleDir());
                    assertThat(dir).as("sample events of %s", f.logicalId()).isDirectory();
                    List<JsonNode> samples = samples(dir);
                    assertThat(samples).as("*.json sample events in %s", dir).isNotEmpty();

                    Set<String> sourceTypes = new java.util.LinkedHashSet<>();
                    for (String type : List.of("SQS", "DynamoDB", "HttpApi")) {
                        if (wiring.events(type).stream()
                                .anyMatch(e -> e.function().equals(f.logicalId()))) {
                            sourceTypes.add(type);
                        }
                    }
                    for (String type : sourceTypes) {
                        assertThat(samples.stream().anyMatch(s -> hasShape(s, type)))
                                .as("%s: a sample in %s shaped like a %s event", f.logicalId(), dir, type)
                                .isTrue();
                    }
                    Set<String> filter = notificationFilter(f.logicalId());
                    if (!filter.isEmpty()) {
                        List<String> types = samples.stream()
                                .filter(s -> hasShape(s, "SQS"))
                                .flatMap(s -> s.path("Records").findValues("body").stream())
                                .map(b -> parse(b.asText())
                                        .path("MessageAttributes")
                                        .path("notificationType")
                                        .path("Value")
                                        .asText())
                                .toList();
                        assertThat(types)
                                .as(
                                        "%s: SNS envelopes with a notificationType its subscription lets through",
                                        f.logicalId())
                                .isNotEmpty()
                                .allSatisfy(t -> assertThat(filter).contains(t));
                    }
                }));
    }

    private static boolean hasShape(JsonNode sample, String type) {
        if (type.equals("HttpApi")) {
            return "2.0".equals(sample.path("version").asText())
                    && sample.path("requestContext").has("http");
        }
        JsonNode records = sample.path("Records");
        return records.isArray()
                && !records.isEmpty()
                && RECORD_SOURCE
                        .get(type)
                        .equals(records.get(0).path("eventSource").asText());
    }

    /** notificationType values of the SNS subscription feeding the function's SQS queue; empty if none. */
    private Set<String> notificationFilter(String function) {
        Set<String> queues = wiring.events("SQS").stream()
                .filter(e -> e.function().equals(function))
                .map(e -> Wiring.target(e.properties().get("Queue")).orElse(""))
                .collect(Collectors.toSet());
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String s : wiring.template().logicalIdsOfType("AWS::SNS::Subscription")) {
            Map<String, Object> p = wiring.properties(s, "AWS::SNS::Subscription");
            if (Wiring.target(p.get("Endpoint")).filter(queues::contains).isPresent()) {
                Wiring.list(Wiring.path(p, "FilterPolicy", "notificationType"))
                        .forEach(v -> values.add(String.valueOf(v)));
            }
        }
        return values;
    }

    private static List<JsonNode> samples(Path dir) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(JSON.readTree(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("sample SQS body is not JSON: " + text, e);
        }
    }
}
