package io.eventflow.replay;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An SQS queue on the emulator as the target of a rule, drained into memory by the tests. */
final class TargetQueue {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SqsClient sqs;
    private final String url;
    private final List<JsonNode> arrived = new ArrayList<>();

    private TargetQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /** A queue named {@code name} and a rule of the same name (with this pattern) that targets it. */
    static TargetQueue create(SqsClient sqs, EventBridgeClient events, String busName, String name, String pattern) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name(name).eventBusName(busName).eventPattern(pattern));
        events.putTargets(b ->
                b.rule(name).eventBusName(busName).targets(t -> t.id("queue").arn(arn)));
        return new TargetQueue(sqs, url);
    }

    /** Every copy received so far of these eventIds; drains the queue until there are {@code atLeast} (10 s at most). */
    synchronized List<JsonNode> received(Set<String> eventIds, int atLeast) {
        await(atLeast + " of " + eventIds + " on " + url)
                .atMost(WAIT)
                .pollInSameThread()
                .until(() -> {
                    if (matching(eventIds).size() >= atLeast) {
                        return true;
                    }
                    for (Message m : sqs.receiveMessage(
                                    b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages()) {
                        arrived.add(EventJson.parse(m.body()));
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                    }
                    return matching(eventIds).size() >= atLeast;
                });
        return matching(eventIds);
    }

    private List<JsonNode> matching(Set<String> eventIds) {
        return arrived.stream()
                .filter(j -> eventIds.contains(j.path("detail").path("eventId").asText()))
                .toList();
    }
}
