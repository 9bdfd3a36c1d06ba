package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.emulator.template.Model.SqsSource;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.event.ruler.Ruler;

/**
 * An SQS event source mapping (runtime README, "SQS event source mapping"): long-polls the queue (WaitTimeSeconds as
 * configured, 20 s by default as Lambda's pollers do, so an idle queue costs one request per 20 s instead of one a
 * second), batches by BatchSize and
 * MaximumBatchingWindowInSeconds, invokes synchronously, and deletes only what succeeded: everything on
 * success, everything but the reported items with ReportBatchItemFailures, nothing on a function error.
 * What is not deleted comes back after the queue's visibility timeout; the queue's RedrivePolicy (enforced
 * by the emulator's SQS) moves a message to its DLQ after maxReceiveCount receives.
 */
public final class SqsPoller implements Runnable {
    private final FunctionContainer function;
    private final SqsSource source;
    private final String queueUrl;
    private final String region;
    private final SqsClient sqs;
    private final Activity activity;
    private final PrintStream log;
    private final int waitSeconds;
    private volatile DeliveryCheck deliveryCheck = DeliveryCheck.NONE;
    private volatile boolean running = true;

    /** The queue's URL and the region come from the template's {@code resolver}. */
    public SqsPoller(
            FunctionContainer function,
            SqsSource source,
            Resolver resolver,
            SqsClient sqs,
            Activity activity,
            PrintStream log,
            int waitSeconds) {
        this.function = function;
        this.source = source;
        this.queueUrl = resolver.queueUrl(Resolver.lastSegment(source.queueArn()));
        this.region = resolver.region();
        this.sqs = sqs;
        this.activity = activity;
        this.log = log;
        this.waitSeconds = waitSeconds;
    }

    /** Checks every received message against the template's patterns (AWS's matcher), warning on a mismatch. */
    public void checkDeliveries(DeliveryCheck check) {
        this.deliveryCheck = check;
    }

    public void stop() {
        running = false;
    }

    public String queueArn() {
        return source.queueArn();
    }

    public String describe() {
        return function.function().logicalId() + " <- SQS " + source.queueArn();
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (SdkException e) {
                if (running) {
                    log.println("[runtime] " + describe() + ": " + e.getMessage() + " (retrying)");
                    sleep(500);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.println("[runtime] " + describe() + ": unexpected " + e + " (retrying)");
                    sleep(500);
                }
            }
        }
    }

    /** One receive-invoke-delete cycle; returns the number of messages handed to the function. */
    public int pollOnce() {
        List<Message> batch = receiveBatch();
        if (batch.isEmpty()) {
            return 0;
        }
        if (!running) {
            release(batch); // stopped during a long poll: hand the messages back instead of running a closed function
            return 0;
        }
        activity.begin(function.function().logicalId());
        for (Message m : batch) {
            String complaint = deliveryCheck.complaint(m.body());
            if (complaint != null) {
                log.println("[runtime] WARNING " + describe() + ": message " + m.messageId() + ": " + complaint);
            }
        }
        List<Message> matching = filter(batch);
        InvocationResult result = null;
        String outcome = "filtered";
        List<String> failedItems = List.of();
        try {
            if (matching.isEmpty()) {
                return 0;
            }
            result = function.invoke(event(matching));
            Set<String> ids = new LinkedHashSet<>();
            matching.forEach(m -> ids.add(m.messageId()));
            BatchResponses.Verdict verdict = BatchResponses.judge(result, source.reportBatchItemFailures(), ids, true);
            if (verdict.complete()) {
                outcome = "error " + verdict.reason();
                failedItems = List.copyOf(ids);
            } else {
                Set<String> failed = new HashSet<>(verdict.failedIds());
                delete(matching.stream()
                        .filter(m -> !failed.contains(m.messageId()))
                        .toList());
                outcome = failed.isEmpty() ? "ok" : "partial " + failed.size() + "/" + matching.size() + " failed";
                failedItems = verdict.failedIds();
            }
            return matching.size();
        } finally {
            activity.end(Activity.Hop.ofBatch(
                    function.function().logicalId(),
                    "SQS " + source.queueArn().substring(source.queueArn().lastIndexOf(':') + 1),
                    matching.stream().map(m -> Peek.ofBody(m.body())).toList(),
                    outcome,
                    result,
                    failedItems,
                    matching.stream()
                            .map(m -> Activity.Item.of(m.messageId(), Peek.ofBody(m.body()), receiveCount(m)))
                            .toList()));
        }
    }

    private static int receiveCount(Message m) {
        try {
            return Integer.parseInt(m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(10, source.batchSize()), waitSeconds));
        long windowEnd = System.currentTimeMillis() + source.batchingWindowSeconds() * 1000L;
        while (!batch.isEmpty()
                && batch.size() < source.batchSize()
                && System.currentTimeMillis() < windowEnd
                && running) {
            List<Message> more = receive(Math.min(10, source.batchSize() - batch.size()), 1);
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int max, int wait) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(wait)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** Makes messages visible again at once (a stopped poller does not keep them until their visibility timeout). */
    private void release(List<Message> batch) {
        try {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : batch) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            // the endpoint is going away too: the messages come back after their visibility timeout
        }
    }

    /** FilterCriteria: non-matching messages are deleted (runtime README, "SQS event source mapping"). */
    private List<Message> filter(List<Message> batch) {
        if (source.filterPatterns().isEmpty()) {
            return batch;
        }
        List<Message> keep = new ArrayList<>();
        List<Message> drop = new ArrayList<>();
        for (Message m : batch) {
            ObjectNode rec =
                    (ObjectNode) Json.parse(event(List.of(m))).get("Records").get(0);
            if (isJsonObject(m.body())) {
                rec.set("body", Json.parse(m.body()));
            }
            String candidate = Json.write(rec);
            boolean match = source.filterPatterns().stream().anyMatch(p -> {
                try {
                    return Ruler.matchesRule(candidate, p);
                } catch (Exception e) {
                    return false;
                }
            });
            (match ? keep : drop).add(m);
        }
        delete(drop);
        return keep;
    }

    private static boolean isJsonObject(String body) {
        try {
            return Json.parse(body).isObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void delete(List<Message> done) {
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : done.subList(i, Math.min(done.size(), i + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle())
                        .build());
            }
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                log.println("[runtime] " + describe() + ": delete failed for " + response.failed());
            }
        }
    }

    /** The Lambda event for a batch (runtime README, "SQS event source mapping"). */
    public String event(List<Message> messages) {
        return LambdaEvents.sqs(messages, source.queueArn(), region);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
