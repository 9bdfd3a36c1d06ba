package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.runtime.Clients;
import io.eventflow.runtime.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code inspect [--json]}: event counts per stream and type, queue and DLQ depths (with why each DLQ message
 * got there, from the runtime's failure records and the functions' logs), and the read model.
 */
public final class Inspect {
    private final Clients clients;
    private final Template template;
    private final StateDir state;

    public Inspect(Clients clients, Template template, StateDir state) {
        this.clients = clients;
        this.template = template;
        this.state = state;
    }

    public Map<String, Object> collect() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("events", events());
        report.put("queues", queues());
        report.put("readModel", readModel());
        return report;
    }

    private Map<String, Object> events() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byStream = new TreeMap<>();
        int[] total = {0};
        template.table("EventStoreTable")
                .ifPresent(t -> clients.dynamo
                        .scanPaginator(b -> b.tableName(t.name()))
                        .items()
                        .forEach(i -> {
                            if (i.containsKey("eventType")
                                    && !i.get("streamId").s().startsWith("$")) {
                                byType.merge(i.get("eventType").s(), 1, Integer::sum);
                                byStream.merge(i.get("streamId").s(), 1, Integer::sum);
                                total[0]++;
                            }
                        }));
        out.put("total", total[0]);
        out.put("byType", byType);
        out.put("byStream", byStream);
        return out;
    }

    private List<Map<String, Object>> queues() {
        Set<String> dlqs = template.dlqArns();
        Map<String, String> reasons = reasons();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Model.Queue q : template.queues()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("queue", q.logicalId());
            row.put("name", q.name());
            boolean dlq = dlqs.contains(q.arn());
            row.put("dlq", dlq);
            try {
                Map<QueueAttributeName, String> a = clients.sqs
                        .getQueueAttributes(b -> b.queueUrl(template.queueUrl(q))
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                int visible = Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                row.put("visible", visible);
                row.put(
                        "inFlight",
                        Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
                if (dlq && visible > 0) {
                    List<Map<String, Object>> messages = new ArrayList<>();
                    clients.sqs
                            .receiveMessage(b -> b.queueUrl(template.queueUrl(q))
                                    .maxNumberOfMessages(10)
                                    .visibilityTimeout(0)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                            .messages()
                            .forEach(m -> {
                                Map<String, Object> msg = new LinkedHashMap<>();
                                msg.put("messageId", m.messageId());
                                msg.put(
                                        "body",
                                        m.body().length() > 200 ? m.body().substring(0, 200) + "..." : m.body());
                                msg.put("reason", reason(m.messageId(), m.body(), reasons));
                                messages.add(msg);
                            });
                    row.put("messages", messages);
                }
            } catch (QueueDoesNotExistException e) {
                row.put("error", "not provisioned");
            }
            out.add(row);
        }
        return out;
    }

    public static String reason(String messageId, String body, Map<String, String> reasons) {
        if (reasons.containsKey(messageId)) {
            return reasons.get(messageId);
        }
        try {
            JsonNode n = Json.parse(body);
            if (n.has("requestContext") && n.has("DDBStreamBatchInfo")) {
                JsonNode info = n.get("DDBStreamBatchInfo");
                return "stream batch " + n.at("/requestContext/condition").asText() + " after "
                        + n.at("/requestContext/approximateInvokeCount").asInt() + " invokes: records "
                        + info.path("startSequenceNumber").asText() + ".."
                        + info.path("endSequenceNumber").asText();
            }
        } catch (IllegalArgumentException notJson) {
            // a raw poison body
        }
        return "unknown (no failure recorded by this runtime for messageId " + messageId + ")";
    }

    private Map<String, String> reasons() {
        return reasons(state);
    }

    /** messageId -> the last failure the runtime or a function logged for it (this run and the kept older ones). */
    public static Map<String, String> reasons(StateDir state) {
        Map<String, String> reasons = new LinkedHashMap<>();
        state.logs(state.failures(), true).stream()
                .flatMap(f -> readLines(f).stream())
                .forEach(n -> n.path("items")
                        .forEach(id -> reasons.put(
                                id.asText(),
                                n.path("function").asText() + ": "
                                        + n.path("outcome").asText())));
        state.logs(state.functionLogs(), true).stream()
                .flatMap(f -> readLines(f).stream())
                .forEach(n -> {
                    if (n.hasNonNull("messageId") && n.hasNonNull("error")) {
                        reasons.put(
                                n.get("messageId").asText(),
                                n.path("function").asText() + ": "
                                        + n.get("error").asText());
                    }
                });
        return reasons;
    }

    private static List<JsonNode> readLines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                try {
                    out.add(Json.parse(line));
                } catch (IllegalArgumentException notJson) {
                    // skip
                }
            }
        } catch (IOException e) {
            // nothing to add
        }
        return out;
    }

    private List<Map<String, Object>> readModel() {
        List<Map<String, Object>> out = new ArrayList<>();
        template.table("OrderViewTable")
                .ifPresent(t -> clients.dynamo
                        .scanPaginator(b -> b.tableName(t.name()))
                        .items()
                        .forEach(i -> {
                            Map<String, Object> row = new TreeMap<>();
                            i.forEach((k, v) -> row.put(k, plain(v)));
                            out.add(row);
                        }));
        return out;
    }

    public static Object plain(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> {
                java.math.BigDecimal d = new java.math.BigDecimal(v.n()).stripTrailingZeros();
                yield d.scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
            }
            case BOOL -> v.bool();
            case NUL -> null;
            case L -> v.l().stream().map(Inspect::plain).toList();
            case M -> {
                Map<String, Object> m = new TreeMap<>();
                v.m().forEach((k, x) -> m.put(k, plain(x)));
                yield m;
            }
            default -> v.toString();
        };
    }

    /** The human form. */
    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> report, PrintStream out) {
        Map<String, Object> events = (Map<String, Object>) report.get("events");
        out.println("events: " + events.get("total"));
        ((Map<String, Integer>) events.get("byType")).forEach((k, v) -> out.printf("  %-22s %d%n", k, v));
        out.println("streams: " + ((Map<String, Integer>) events.get("byStream")).size());
        ((Map<String, Integer>) events.get("byStream")).forEach((k, v) -> out.printf("  %-40s %d%n", k, v));
        out.println("queues (visible / in flight):");
        for (Map<String, Object> q : (List<Map<String, Object>>) report.get("queues")) {
            out.printf(
                    "  %-28s %s %s / %s%n",
                    q.get("queue"),
                    Boolean.TRUE.equals(q.get("dlq")) ? "DLQ" : "   ",
                    q.getOrDefault("visible", "-"),
                    q.getOrDefault("inFlight", "-"));
            for (Map<String, Object> m : (List<Map<String, Object>>) q.getOrDefault("messages", List.of())) {
                out.println("      " + m.get("messageId") + ": " + m.get("reason"));
            }
        }
        out.println("read model (OrderViewTable):");
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("readModel")) {
            out.println("  " + row.get("orderId") + " " + row.get("status") + " v" + row.get("version"));
        }
    }

    /** For the summary of `up`: names of DLQs. */
    static String nameOf(String arn) {
        return Resolver.lastSegment(arn);
    }
}
