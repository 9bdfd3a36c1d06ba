package io.eventflow.runtime;

import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Model.Queue;
import io.eventflow.emulator.template.Model.SqsSource;
import io.eventflow.emulator.template.TemplateException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what template.yaml declares on the endpoint: tables (keys, GSIs, streams, TTL), queues (DLQs first,
 * RedrivePolicy, VisibilityTimeout), SNS topics and subscriptions (FilterPolicy, RawMessageDelivery,
 * RedrivePolicy), event buses and rules with their targets (DLQ, RetryPolicy). Idempotent: re-running against
 * the same endpoint keeps what exists.
 */
public final class Provisioner {
    private final Clients clients;
    private final PrintStream out;

    public Provisioner(Clients clients, PrintStream out) {
        this.clients = clients;
        this.out = out;
    }

    /** What the endpoint answered: names and ARNs/URLs as it returned them, and the local visibility timeouts. */
    public record Provisioned(
            Map<String, String> streamArns,
            Map<String, String> queueUrls,
            Map<String, Integer> visibilityTimeouts,
            Map<String, String> topicArns) {}

    /**
     * @param visibilityCapSeconds queue visibility timeouts above this are scaled down for local runs (0 = as in the template)
     */
    public Provisioned provision(Template template, int visibilityCapSeconds) {
        validateMappings(template);
        Map<String, String> streams = new LinkedHashMap<>();
        for (Model.Table t : template.tables()) {
            streams.put(
                    t.name(), TableProvisioner.create(clients.dynamo, template.tableSchema(t.logicalId()), t.name()));
        }
        Map<String, Integer> visibility = new LinkedHashMap<>();
        Map<String, String> urls = new LinkedHashMap<>();
        List<Queue> queues = new ArrayList<>(template.queues());
        queues.sort(Comparator.comparing(q -> q.redriveTargetArn() != null)); // DLQs first: redrive targets must exist
        List<String> scaled = new ArrayList<>();
        for (Queue q : queues) {
            int v = visibilityCapSeconds > 0
                    ? Math.min(q.visibilityTimeout(), visibilityCapSeconds)
                    : q.visibilityTimeout();
            if (v != q.visibilityTimeout()) {
                scaled.add(q.logicalId() + " " + q.visibilityTimeout() + "s->" + v + "s");
            }
            urls.put(q.name(), createQueue(q, v));
            visibility.put(q.name(), v);
        }
        if (!scaled.isEmpty()) {
            out.println(
                    "note: queue visibility timeouts scaled down for local runs (messages of a failed batch come back sooner): "
                            + String.join(", ", scaled));
        }
        Map<String, String> topics = new LinkedHashMap<>();
        for (Model.Topic t : template.topics()) {
            topics.put(t.arn(), clients.sns.createTopic(b -> b.name(t.name())).topicArn());
        }
        template.subscriptions().forEach(s -> subscribe(s, topics.getOrDefault(s.topicArn(), s.topicArn())));
        template.buses().forEach(this::createBus);
        template.rules().forEach(this::putRule);
        verifySenders(template);
        return new Provisioned(streams, urls, visibility, topics);
    }

    /** Creates the queue (or updates the attributes of one made before) and remembers the URL the endpoint gave it. */
    private String createQueue(Queue q, int visibilityTimeout) {
        Map<QueueAttributeName, String> attrs = new HashMap<>();
        attrs.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeout));
        attrs.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(q.retentionSeconds()));
        if (q.fifo()) {
            attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (q.redriveTargetArn() != null) {
            attrs.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    Json.write(Map.of(
                            "deadLetterTargetArn", q.redriveTargetArn(), "maxReceiveCount", q.maxReceiveCount())));
        }
        String url;
        try {
            url = clients.sqs
                    .createQueue(b -> b.queueName(q.name()).attributes(attrs))
                    .queueUrl();
        } catch (software.amazon.awssdk.services.sqs.model.QueueNameExistsException exists) {
            attrs.remove(QueueAttributeName.FIFO_QUEUE);
            url = clients.sqs.getQueueUrl(b -> b.queueName(q.name())).queueUrl();
            String existing = url;
            clients.sqs.setQueueAttributes(b -> b.queueUrl(existing).attributes(attrs));
        }
        clients.queueUrls.remember(q.name(), url);
        return url;
    }

    private void subscribe(Model.Subscription s, String topicArn) {
        Map<String, String> attrs = new HashMap<>();
        if (s.filterPolicy() != null) {
            attrs.put("FilterPolicy", s.filterPolicy());
            attrs.put("FilterPolicyScope", s.filterPolicyScope());
        }
        if (s.rawMessageDelivery()) {
            attrs.put("RawMessageDelivery", "true");
        }
        if (s.redriveTargetArn() != null) {
            attrs.put("RedrivePolicy", Json.write(Map.of("deadLetterTargetArn", s.redriveTargetArn())));
        }
        clients.sns.subscribe(b -> b.topicArn(topicArn)
                .protocol(s.protocol())
                .endpoint(s.endpoint())
                .attributes(attrs)
                .returnSubscriptionArn(true));
    }

    private void createBus(Model.Bus bus) {
        if (!bus.name().equals("default")) {
            try {
                clients.events.createEventBus(b -> b.name(bus.name()));
            } catch (ResourceAlreadyExistsException exists) {
                // provisioned before against the same endpoint
            }
        }
    }

    private void putRule(Model.Rule r) {
        clients.events.putRule(b -> b.name(r.name())
                .eventBusName(r.busName())
                .eventPattern(r.pattern())
                .state(r.enabled() ? RuleState.ENABLED : RuleState.DISABLED));
        List<Target> targets = r.targets().stream()
                .map(t -> {
                    Target.Builder tb = Target.builder()
                            .id(t.id())
                            .arn(t.arn())
                            .inputPath(t.inputPath())
                            .input(t.input());
                    if (t.dlqArn() != null) {
                        tb.deadLetterConfig(
                                DeadLetterConfig.builder().arn(t.dlqArn()).build());
                    }
                    if (t.maximumRetryAttempts() != null) {
                        tb.retryPolicy(RetryPolicy.builder()
                                .maximumRetryAttempts(t.maximumRetryAttempts())
                                .maximumEventAgeInSeconds(t.maximumEventAgeInSeconds())
                                .build());
                    }
                    return tb.build();
                })
                .toList();
        if (!targets.isEmpty()) {
            clients.events.putTargets(
                    b -> b.rule(r.name()).eventBusName(r.busName()).targets(targets));
        }
    }

    /**
     * A deployment needs its sender addresses verified in SES (outside the template); locally, every template
     * parameter whose value is an e-mail address (EmailFrom) is verified on the emulator.
     */
    private void verifySenders(Template template) {
        template.parameters().forEach((name, value) -> {
            if (value != null && value.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                try {
                    clients.ses.verifyEmailIdentity(b -> b.emailAddress(value));
                    out.println("note: SES identity " + value + " (parameter " + name + ") verified on the emulator");
                } catch (RuntimeException e) {
                    out.println("note: could not verify SES identity " + value + ": " + e.getMessage());
                }
            }
        });
    }

    /** What CreateEventSourceMapping rejects on AWS is an error here too (on the template's own values). */
    static void validateMappings(Template template) {
        Map<String, Queue> byArn = new HashMap<>();
        template.queues().forEach(q -> byArn.put(q.arn(), q));
        for (Model.Function f : template.functions()) {
            for (Model.EventSource e : f.events()) {
                if (e instanceof SqsSource s) {
                    Queue q = byArn.get(s.queueArn());
                    if (q == null) {
                        throw new TemplateException(
                                f.logicalId() + ".Events." + e.name(),
                                "Queue " + s.queueArn() + " is not an AWS::SQS::Queue of this template");
                    }
                    if (q.visibilityTimeout() < f.timeoutSeconds()) {
                        throw new TemplateException(
                                f.logicalId() + ".Events." + e.name(),
                                "InvalidParameterValueException: "
                                        + "Queue visibility timeout: " + q.visibilityTimeout()
                                        + " seconds is less than Function timeout: "
                                        + f.timeoutSeconds() + " seconds");
                    }
                }
            }
        }
    }
}
