package io.eventflow.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.ops.Inspect;
import io.eventflow.runtime.ops.StateDir;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Each DLQ's messages with why they are there: listed by DlqRedriveFunction (inspectOnly, as `redrive --inspect`
 * lists them: reason, target, a masked body preview), the reason completed where the carrier says nothing (a poison
 * message in a queue's own DLQ) from the runtime's failure record and the functions' logs (as `inspect` does), and
 * the order each belongs to.
 * Re-read only when a DLQ's depth changed (or after a redrive), so an idle page costs nothing here.
 */
final class DeadLetters {
    static final int SHOWN = 10;
    private static final Pattern ORDER =
            Pattern.compile("(?:Order-|\"orderId\"\\s*:\\s*\\\\?\")(ORD-[A-Za-z0-9_-]{1,64})");

    private final List<Model.Queue> dlqs;
    private final java.util.function.Function<Model.Queue, String> urls;
    private final Operations operations;
    private final SqsClient sqs;
    private final ActivityFeed feed;
    private final StateDir state;
    private Map<String, Integer> readAt = Map.of();
    private List<Map<String, Object>> cached = List.of();

    DeadLetters(
            List<Model.Queue> dlqs,
            java.util.function.Function<Model.Queue, String> urls,
            Operations operations,
            SqsClient sqs,
            ActivityFeed feed,
            StateDir state) {
        this.state = state;
        this.dlqs = dlqs;
        this.urls = urls;
        this.operations = operations;
        this.sqs = sqs;
        this.feed = feed;
    }

    /** Every DLQ (logical id, name, depth) with its letters when it holds any. */
    synchronized List<Map<String, Object>> list(Map<String, QueueDepths.Depth> depths, boolean force) {
        Map<String, Integer> now = new LinkedHashMap<>();
        dlqs.forEach(q -> {
            QueueDepths.Depth d = depths.get(q.logicalId());
            now.put(q.logicalId(), d == null ? -1 : d.visible() + d.inFlight());
        });
        if (!force && (now.equals(readAt) || operations.busy())) {
            return cached;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Model.Queue q : dlqs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("queue", q.logicalId());
            row.put("name", q.name());
            int depth = now.get(q.logicalId());
            row.put("depth", depth);
            List<Map<String, Object>> letters = new ArrayList<>();
            if (depth != 0) {
                Map<String, String> orders = orders(q);
                Map<String, String> recorded = Inspect.reasons(state);
                Operations.Outcome o = operations.inspect(q.name(), SHOWN);
                if (!o.ok()) {
                    row.put("error", o.error());
                } else {
                    for (JsonNode m : o.payload().path("messages")) {
                        Map<String, Object> letter = new LinkedHashMap<>();
                        String id = m.path("messageId").asText();
                        letter.put("messageId", id);
                        String reason = m.hasNonNull("failureReason")
                                ? m.get("failureReason").asText()
                                : recorded.containsKey(id) ? recorded.get(id) : feed.failure(id);
                        letter.put(
                                "reason",
                                reason == null ? "unknown: no failure recorded by this `up` for this message" : reason);
                        letter.put("receiveCount", m.path("receiveCount").asInt());
                        letter.put("sentAt", m.path("sentAt").asText(null));
                        letter.put("target", m.path("target").asText(null));
                        letter.put("preview", m.path("bodyPreview").asText(null));
                        letter.put("orderId", orders.get(id));
                        letters.add(letter);
                    }
                    row.put("depth", o.payload().path("approximateDepth").asInt(depth));
                }
            }
            row.put("letters", letters);
            out.add(row);
        }
        readAt = now;
        cached = out;
        return out;
    }

    /** messageId -> the order its body names, from a peek (visibility 0: nothing is held). */
    private Map<String, String> orders(Model.Queue q) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            sqs.receiveMessage(b ->
                            b.queueUrl(urls.apply(q)).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages()
                    .forEach(m -> {
                        Matcher x = ORDER.matcher(m.body());
                        if (x.find()) {
                            out.put(m.messageId(), x.group(1));
                        }
                    });
        } catch (RuntimeException e) {
            // the orders are a convenience; the letters still show
        }
        return out;
    }

    /** orderId -> the DLQ holding one of its messages (from the last listing). */
    synchronized Map<String, String> ordersInDlqs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> row : cached) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> letters = (List<Map<String, Object>>) row.get("letters");
            letters.forEach(l -> {
                if (l.get("orderId") != null) {
                    out.putIfAbsent((String) l.get("orderId"), (String) row.get("queue"));
                }
            });
        }
        return out;
    }
}
