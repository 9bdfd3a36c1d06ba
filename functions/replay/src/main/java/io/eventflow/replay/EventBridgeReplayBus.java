package io.eventflow.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.PermanentException;
import io.eventflow.events.PutEventsErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link ReplayBus} on EventBridge (PutEvents) and, for one rule's targets, SQS (SendMessageBatch). */
public final class EventBridgeReplayBus implements ReplayBus {
    /** PutEvents and SendMessageBatch both take at most 10 entries. */
    public static final int MAX_ENTRIES_PER_CALL = 10;
    /** Code reported for every entry of a call that failed as a whole (network, throttled request...). */
    public static final String CALL_FAILED = "CallFailed";

    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final String busName;

    public EventBridgeReplayBus(EventBridgeClient events, SqsClient sqs, String busName) {
        this.events = events;
        this.sqs = sqs;
        this.busName = busName;
    }

    @Override
    public Destination everyRule() {
        return new Destination() {
            @Override
            public String description() {
                return "bus " + busName;
            }

            @Override
            public List<Delivery> send(List<EventEnvelope> batch) {
                List<Delivery> out = new ArrayList<>(batch.size());
                for (int from = 0; from < batch.size(); from += MAX_ENTRIES_PER_CALL) {
                    out.addAll(putEvents(batch.subList(from, Math.min(batch.size(), from + MAX_ENTRIES_PER_CALL))));
                }
                return out;
            }
        };
    }

    private List<Delivery> putEvents(List<EventEnvelope> chunk) {
        List<PutEventsRequestEntry> entries = chunk.stream()
                .map(e -> PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(e.source())
                        .detailType(e.eventType())
                        .detail(EventJson.write(e))
                        .time(e.timestamp())
                        .build())
                .toList();
        PutEventsResponse response;
        try {
            response = events.putEvents(b -> b.entries(entries));
        } catch (SdkException e) {
            return failedCall(chunk, e);
        }
        List<PutEventsResultEntry> answers = response.entries();
        List<Delivery> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            // Result entry i answers request entry i.
            PutEventsResultEntry answer = i < answers.size() ? answers.get(i) : null;
            String eventId = chunk.get(i).eventId();
            if (answer == null) {
                out.add(Delivery.failed(eventId, CALL_FAILED, "no result entry for entry " + i, true));
            } else if (answer.errorCode() != null && !answer.errorCode().isEmpty()) {
                out.add(Delivery.failed(
                        eventId,
                        answer.errorCode(),
                        answer.errorMessage(),
                        !PutEventsErrors.permanent(answer.errorCode())));
            } else {
                out.add(Delivery.sent(eventId));
            }
        }
        return out;
    }

    @Override
    public Destination rule(String ruleName) {
        DescribeRuleResponse rule;
        try {
            rule = events.describeRule(b -> b.name(ruleName).eventBusName(busName));
        } catch (ResourceNotFoundException e) {
            throw new PermanentException("rule " + ruleName + " does not exist on bus " + busName);
        }
        List<Target> targets = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListTargetsByRuleResponse page = events.listTargetsByRule(
                    b -> b.rule(ruleName).eventBusName(busName).nextToken(token));
            targets.addAll(page.targets());
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        if (targets.isEmpty()) {
            throw new PermanentException("rule " + ruleName + " has no targets");
        }
        List<QueueTarget> queues =
                targets.stream().map(t -> queueTarget(ruleName, t)).toList();
        Arn ruleArn = Arn.parse(rule.arn());
        return new RuleDestination(ruleName, rule.eventPattern(), ruleArn.account(), ruleArn.region(), queues);
    }

    private QueueTarget queueTarget(String ruleName, Target t) {
        Arn arn = Arn.parse(t.arn());
        if (!"sqs".equals(arn.service())) {
            throw new PermanentException("rule " + ruleName + " target " + t.id() + " is not an SQS queue ("
                    + arn.service() + "): replay to a rule supports only SQS targets; replay to the bus instead");
        }
        if (t.input() != null || t.inputPath() != null || t.inputTransformer() != null) {
            throw new PermanentException("rule " + ruleName + " target " + t.id()
                    + " transforms its input: replay to a rule supports only targets that get the event as is");
        }
        if (arn.resource().endsWith(".fifo")) {
            throw new PermanentException("rule " + ruleName + " target " + t.id() + " is a FIFO queue: not supported");
        }
        String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.account()))
                .queueUrl();
        return new QueueTarget(t.id(), arn.resource(), url);
    }

    private record QueueTarget(String targetId, String queueName, String queueUrl) {}

    private final class RuleDestination implements Destination {
        private final String ruleName;
        private final String pattern;
        private final String account;
        private final String region;
        private final List<QueueTarget> queues;

        RuleDestination(String ruleName, String pattern, String account, String region, List<QueueTarget> queues) {
            this.ruleName = ruleName;
            this.pattern = pattern;
            this.account = account;
            this.region = region;
            this.queues = queues;
        }

        @Override
        public String description() {
            return "rule " + ruleName + " -> "
                    + queues.stream().map(QueueTarget::queueName).toList();
        }

        @Override
        public List<Delivery> send(List<EventEnvelope> batch) {
            Delivery[] out = new Delivery[batch.size()];
            List<Integer> matching = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ObjectNode event = EventBridgeEvents.of(batch.get(i), account, region);
                if (EventBridgeEvents.matches(event, pattern)) {
                    matching.add(i);
                    bodies.add(EventJson.write(event));
                } else {
                    out[i] = Delivery.notMatched(batch.get(i).eventId());
                }
            }
            // An event is sent when every queue of the rule got it; a retry re-sends to all of them
            // (a duplicate in some queue is absorbed by its idempotent consumer).
            Map<Integer, Delivery> failures = new HashMap<>();
            for (QueueTarget q : queues) {
                for (int from = 0; from < matching.size(); from += MAX_ENTRIES_PER_CALL) {
                    int to = Math.min(matching.size(), from + MAX_ENTRIES_PER_CALL);
                    sendBatch(q, batch, matching.subList(from, to), bodies.subList(from, to), failures);
                }
            }
            for (int i : matching) {
                out[i] = failures.getOrDefault(i, Delivery.sent(batch.get(i).eventId()));
            }
            return List.of(out);
        }

        private void sendBatch(
                QueueTarget q,
                List<EventEnvelope> batch,
                List<Integer> indexes,
                List<String> bodies,
                Map<Integer, Delivery> failures) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int k = 0; k < indexes.size(); k++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(indexes.get(k)))
                        .messageBody(bodies.get(k))
                        .build());
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(q.queueUrl()).entries(entries));
            } catch (SdkException e) {
                String reason = q.queueName() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
                indexes.forEach(i ->
                        failures.putIfAbsent(i, Delivery.failed(batch.get(i).eventId(), CALL_FAILED, reason, true)));
                return;
            }
            for (BatchResultErrorEntry err : response.failed()) {
                int i = Integer.parseInt(err.id());
                failures.putIfAbsent(
                        i,
                        Delivery.failed(
                                batch.get(i).eventId(),
                                err.code(),
                                q.queueName() + ": " + err.message(),
                                !Boolean.TRUE.equals(err.senderFault())));
            }
        }
    }

    private static List<Delivery> failedCall(List<EventEnvelope> chunk, SdkException e) {
        // Nothing of this call is known to be delivered: every entry failed and may be retried.
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        return chunk.stream()
                .map(ev -> Delivery.failed(ev.eventId(), CALL_FAILED, reason, true))
                .toList();
    }

    /** arn:partition:service:region:account:resource */
    record Arn(String service, String region, String account, String resource) {
        static Arn parse(String arn) {
            String[] parts = arn == null ? new String[0] : arn.split(":", 6);
            if (parts.length < 6 || !"arn".equals(parts[0])) {
                throw new PermanentException("not an ARN: " + arn);
            }
            return new Arn(parts[2], parts[3], parts[4], parts[5]);
        }
    }
}
