package io.eventflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery faults, on the AWS JSON 1.0 bodies the proxy forwards (no HTTP here, so tests feed it bodies):
 * <ul>
 * <li>SQS ReceiveMessage responses are remembered (receipt handle -> stable key and receive count);</li>
 * <li>SQS DeleteMessageBatch: deletes of first deliveries are dropped for "duplicate" messages, and for the
 * whole batch when it holds a "crash" message; the caller is told they succeeded, so the messages come back
 * after the visibility timeout. Only first deliveries are faulted: one injected redelivery per message at
 * most, so faults alone never push a message to its DLQ (maxReceiveCount 5);</li>
 * <li>SQS ReceiveMessage responses: the batch is shuffled and "reorder" first deliveries are held back;</li>
 * <li>DynamoDB Streams GetRecords responses (opt-in): "stream reorder" records move behind the rest of their page.</li>
 * </ul>
 */
public final class FaultInjector {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Delivery(String key, int receiveCount) {}

    /** What to forward of a DeleteMessageBatch (null: nothing) and the entry ids answered without forwarding. */
    public record DeleteSplit(String forwardBody, List<String> droppedIds) {}

    private final FaultPlan plan;
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong crashedBatches = new AtomicLong();
    final AtomicLong crashDroppedDeletes = new AtomicLong();
    final AtomicLong heldBack = new AtomicLong();
    final AtomicLong reorderedRecords = new AtomicLong();
    final AtomicLong reorderedPages = new AtomicLong();

    public FaultInjector(FaultPlan plan) {
        this.plan = plan;
    }

    /**
     * Remembers every received message's key and receive count; shuffles the batch and holds back the
     * "reorder" messages of a first delivery (they stay in flight and come back after the visibility timeout).
     *
     * @return the response to hand out, or null when it is unchanged
     */
    public String onReceive(String requestBody, String responseBody) {
        try {
            String queue = queueName(JSON.readTree(requestBody).path("QueueUrl").asText(""));
            ObjectNode response = (ObjectNode) JSON.readTree(responseBody);
            JsonNode messages = response.path("Messages");
            if (!messages.isArray() || messages.isEmpty()) {
                return null;
            }
            List<JsonNode> kept = new ArrayList<>();
            Map<JsonNode, String> keys = new java.util.IdentityHashMap<>();
            for (JsonNode m : messages) {
                int count = m.path("Attributes").path("ApproximateReceiveCount").asInt(0);
                String key = DeliveryKeys.ofMessage(queue, m.path("Body").asText(""));
                if (count == 1 && plan.reorder(key)) {
                    heldBack.incrementAndGet();
                    continue;
                }
                deliveries.put(m.path("ReceiptHandle").asText(), new Delivery(key, count));
                keys.put(m, key);
                kept.add(m);
            }
            if (plan.reorderRate() > 0) {
                kept.sort(java.util.Comparator.comparingDouble(m -> plan.rank(keys.get(m))));
            }
            if (kept.size() == messages.size() && plan.reorderRate() == 0) {
                return null;
            }
            ArrayNode out = response.putArray("Messages");
            kept.forEach(out::add);
            if (kept.isEmpty()) {
                response.remove("Messages");
            }
            return write(response);
        } catch (Exception unreadable) {
            return null; // not ours to judge: forwarded unchanged
        }
    }

    public DeleteSplit splitDeletes(String requestBody) {
        ObjectNode request;
        try {
            request = (ObjectNode) JSON.readTree(requestBody);
        } catch (Exception e) {
            return new DeleteSplit(requestBody, List.of());
        }
        Map<JsonNode, Delivery> first = new LinkedHashMap<>();
        for (JsonNode e : request.path("Entries")) {
            Delivery d = deliveries.remove(e.path("ReceiptHandle").asText());
            if (d != null && d.receiveCount() == 1) {
                first.put(e, d);
            }
        }
        boolean crash = first.values().stream().anyMatch(d -> plan.crash(d.key()));
        List<String> dropped = new ArrayList<>();
        ArrayNode keep = JSON.createArrayNode();
        for (JsonNode e : request.path("Entries")) {
            Delivery d = first.get(e);
            if (d != null && (crash || plan.duplicate(d.key()))) {
                dropped.add(e.path("Id").asText());
                (crash ? crashDroppedDeletes : duplicates).incrementAndGet();
            } else {
                keep.add(e);
            }
        }
        if (crash) {
            crashedBatches.incrementAndGet();
        }
        if (dropped.isEmpty()) {
            return new DeleteSplit(requestBody, List.of());
        }
        request.set("Entries", keep);
        return new DeleteSplit(keep.isEmpty() ? null : write(request), dropped);
    }

    /** Single DeleteMessage: true when it is to be dropped (a duplicate or crash message's first delivery). */
    public boolean dropDelete(String requestBody) {
        try {
            Delivery d = deliveries.remove(
                    JSON.readTree(requestBody).path("ReceiptHandle").asText());
            if (d == null || d.receiveCount() != 1) {
                return false;
            }
            if (plan.crash(d.key())) {
                crashedBatches.incrementAndGet();
                crashDroppedDeletes.incrementAndGet();
                return true;
            }
            if (plan.duplicate(d.key())) {
                duplicates.incrementAndGet();
                return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The DeleteMessageBatch answer: the forwarded one (if any) plus the dropped entries as successful. */
    public static String deleteResponse(String forwardedResponse, List<String> droppedIds) {
        ObjectNode response;
        try {
            response =
                    forwardedResponse == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(forwardedResponse);
        } catch (Exception e) {
            response = JSON.createObjectNode();
        }
        ArrayNode ok =
                response.has("Successful") ? (ArrayNode) response.get("Successful") : response.putArray("Successful");
        droppedIds.forEach(id -> ok.addObject().put("Id", id));
        if (!response.has("Failed")) {
            response.putArray("Failed");
        }
        return write(response);
    }

    /** The GetRecords page with "reorder" records moved to its end; null when nothing moved. */
    public String reorder(String responseBody) {
        if (plan.streamReorderRate() == 0) {
            return null;
        }
        ObjectNode page;
        try {
            page = (ObjectNode) JSON.readTree(responseBody);
        } catch (Exception e) {
            return null;
        }
        JsonNode records = page.path("Records");
        if (!records.isArray() || records.size() < 2) {
            return null;
        }
        ArrayNode front = JSON.createArrayNode();
        ArrayNode back = JSON.createArrayNode();
        for (JsonNode r : records) {
            String key = DeliveryKeys.ofStreamImage(r.path("dynamodb").get("NewImage"));
            (key != null && plan.streamReorder(key) ? back : front).add(r);
        }
        if (back.isEmpty() || front.isEmpty()) {
            return null;
        }
        ArrayNode out = page.putArray("Records");
        out.addAll(front);
        out.addAll(back);
        reorderedRecords.addAndGet(back.size());
        reorderedPages.incrementAndGet();
        return write(page);
    }

    /** Receipts handed out and not deleted yet (forgotten once deleted). */
    int remembered() {
        return deliveries.size();
    }

    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
