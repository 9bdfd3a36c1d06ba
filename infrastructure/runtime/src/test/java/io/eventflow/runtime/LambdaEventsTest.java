package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.runtime.sources.LambdaEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The pollers' events come from Lambda's own types and serializer (`LambdaEvents`); for every SQS and DynamoDB
 * stream sample in events/ (the shape Lambda delivers, also used by `sam local invoke -e`), the same records read
 * back through the SDK types the pollers receive give the identical JSON (numbers compared by value).
 */
class LambdaEventsTest {
    /**
     * Lambda's serializer writes {@code ApproximateCreationDateTime} (a Date) as epoch seconds in floating point
     * ({@code 1.79586093E9}); the samples write the integer. Same number, same Date in the handler.
     */
    private static final java.util.Comparator<JsonNode> SAME_NUMBER_VALUE =
            (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @TestFactory
    Stream<DynamicTest> pollerEventsEqualTheSampleEvents() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.walk(RepoRoot.find().resolve("events"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path sample : samples) {
            JsonNode event = Json.parse(read(sample));
            String source = event.path("Records").path(0).path("eventSource").asText();
            if (source.equals("aws:sqs") || source.equals("aws:dynamodb")) {
                tests.add(DynamicTest.dynamicTest(sample.getParent().getFileName() + "/" + sample.getFileName(), () -> {
                    String rebuilt = source.equals("aws:sqs") ? sqs(event) : dynamodb(event);
                    JsonNode built = Json.parse(rebuilt);
                    assertThat(built.equals(SAME_NUMBER_VALUE, event))
                            .as("%s%nequals%n%s", built, event)
                            .isTrue();
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sqs(JsonNode event) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode r : event.get("Records")) {
            Map<String, String> attributes = new LinkedHashMap<>();
            r.path("attributes")
                    .properties()
                    .forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            Map<String, MessageAttributeValue> messageAttributes = new LinkedHashMap<>();
            r.path("messageAttributes").properties().forEach(e -> {
                JsonNode v = e.getValue();
                messageAttributes.put(
                        e.getKey(),
                        MessageAttributeValue.builder()
                                .stringValue(
                                        v.hasNonNull("stringValue")
                                                ? v.get("stringValue").asText()
                                                : null)
                                .binaryValue(
                                        v.hasNonNull("binaryValue")
                                                ? SdkBytes.fromByteArray(Base64.getDecoder()
                                                        .decode(v.get("binaryValue")
                                                                .asText()))
                                                : null)
                                .dataType(v.path("dataType").asText())
                                .build());
            });
            messages.add(Message.builder()
                    .messageId(r.path("messageId").asText())
                    .receiptHandle(r.path("receiptHandle").asText())
                    .body(r.path("body").asText())
                    .attributesWithStrings(attributes)
                    .messageAttributes(messageAttributes)
                    .md5OfBody(r.path("md5OfBody").asText(null))
                    .md5OfMessageAttributes(r.path("md5OfMessageAttributes").asText(null))
                    .build());
        }
        JsonNode first = event.get("Records").get(0);
        return LambdaEvents.sqs(
                messages,
                first.path("eventSourceARN").asText(),
                first.path("awsRegion").asText());
    }

    private static String dynamodb(JsonNode event) {
        List<Record> records = new ArrayList<>();
        for (JsonNode r : event.get("Records")) {
            JsonNode d = r.get("dynamodb");
            StreamRecord.Builder s = StreamRecord.builder()
                    .keys(image(d.get("Keys")))
                    .sequenceNumber(d.path("SequenceNumber").asText())
                    .streamViewType(d.path("StreamViewType").asText());
            if (d.has("ApproximateCreationDateTime")) {
                s.approximateCreationDateTime(Instant.ofEpochSecond(
                        d.get("ApproximateCreationDateTime").asLong()));
            }
            if (d.has("NewImage")) {
                s.newImage(image(d.get("NewImage")));
            }
            if (d.has("OldImage")) {
                s.oldImage(image(d.get("OldImage")));
            }
            if (d.has("SizeBytes")) {
                s.sizeBytes(d.get("SizeBytes").asLong());
            }
            Record.Builder b = Record.builder()
                    .eventID(r.path("eventID").asText())
                    .eventName(r.path("eventName").asText())
                    .eventVersion(r.path("eventVersion").asText())
                    .awsRegion(r.path("awsRegion").asText())
                    .dynamodb(s.build());
            if (r.has("userIdentity")) {
                b.userIdentity(Identity.builder()
                        .type(r.at("/userIdentity/type").asText())
                        .principalId(r.at("/userIdentity/principalId").asText())
                        .build());
            }
            records.add(b.build());
        }
        JsonNode first = event.get("Records").get(0);
        return LambdaEvents.dynamodb(
                records,
                first.path("eventSourceARN").asText(),
                first.path("awsRegion").asText());
    }

    private static Map<String, AttributeValue> image(JsonNode item) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        item.properties().forEach(e -> m.put(e.getKey(), value(e.getValue())));
        return m;
    }

    private static AttributeValue value(JsonNode v) {
        String type = v.properties().iterator().next().getKey();
        JsonNode x = v.get(type);
        List<String> strings = new ArrayList<>();
        x.forEach(n -> strings.add(n.asText()));
        return switch (type) {
            case "S" -> AttributeValue.fromS(x.asText());
            case "N" -> AttributeValue.fromN(x.asText());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asText())));
            case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings);
            case "NS" -> AttributeValue.fromNs(strings);
            case "M" -> AttributeValue.fromM(image(x));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                x.forEach(n -> l.add(value(n)));
                yield AttributeValue.fromL(l);
            }
            default -> throw new IllegalArgumentException("attribute type " + type);
        };
    }
}
