package io.eventflow.emulator;

import static io.eventflow.emulator.template.Values.bool;
import static io.eventflow.emulator.template.Values.integer;
import static io.eventflow.emulator.template.Values.required;

import io.eventflow.emulator.template.Account;
import io.eventflow.emulator.template.FunctionReader;
import io.eventflow.emulator.template.IntrinsicYaml;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Model.Bus;
import io.eventflow.emulator.template.Model.Queue;
import io.eventflow.emulator.template.Model.Rule;
import io.eventflow.emulator.template.Model.Subscription;
import io.eventflow.emulator.template.Model.Table;
import io.eventflow.emulator.template.Model.Target;
import io.eventflow.emulator.template.Model.Topic;
import io.eventflow.emulator.template.Resolver;
import io.eventflow.emulator.template.TableSchemas;
import io.eventflow.emulator.template.TemplateException;
import io.eventflow.emulator.template.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * template.yaml, the one model of it: read once ({@link IntrinsicYaml}), then seen two ways. As written
 * ({@link #root()}, {@link #properties}: intrinsics in their long form, for table provisioning and the checks), and
 * as SAM + CloudFormation would deploy it ({@link #functions()}, {@link #queues()}, ...: Globals.Function merged into
 * every function, Conditions applied, intrinsics resolved by the {@link Resolver} to local names and ARNs).
 */
public final class Template {
    public static final String STACK = "eventflow";
    /** Queue URLs of a template read before any endpoint exists (never used for a request). */
    private static final Function<String, String> OFFLINE_QUEUE_URLS = name -> "http://offline.invalid/" + name;

    private final Path path;
    private final Map<String, Object> root;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, String> parameters;
    private final Resolver resolver;
    private final FunctionReader functionReader;

    @SuppressWarnings("unchecked")
    private Template(
            Path path,
            Map<String, Object> root,
            Map<String, String> overrides,
            Account account,
            Function<String, String> queueUrls) {
        this.path = path;
        this.root = root;
        this.resources =
                root.get("Resources") == null ? Map.of() : (Map<String, Map<String, Object>>) root.get("Resources");
        this.parameters = parameters(root, overrides);
        this.resolver = new Resolver(
                resources, (Map<String, Object>) root.get("Conditions"), parameters, account, STACK, queueUrls);
        Map<String, Object> functionGlobals =
                Values.map(Values.map(root.get("Globals")).get("Function"));
        this.functionReader = new FunctionReader(path, resources, functionGlobals, resolver);
    }

    /**
     * @param account   the partition, region and account ARNs are built in (the runtime discovers it from STS)
     * @param queueUrls a queue's URL by name as the endpoint gives it (asked only once the queue exists)
     */
    public static Template load(
            Path path, Map<String, String> parameterOverrides, Account account, Function<String, String> queueUrls) {
        return new Template(path, IntrinsicYaml.read(path), parameterOverrides, account, queueUrls);
    }

    /**
     * Read without any endpoint (a placeholder account, queue URLs by name): to check names and the template itself
     * before anything is started, and for tests that only provision tables from it.
     */
    public static Template offline(Path path, Map<String, String> parameterOverrides) {
        return load(path, parameterOverrides, Account.placeholder(), OFFLINE_QUEUE_URLS);
    }

    /** The template at {@code path}, offline, with its parameters' defaults. */
    public static Template load(Path path) {
        return offline(path, Map.of());
    }

    /** The checkout's template.yaml, offline, with its parameters' defaults. */
    public static Template project() {
        return load(RepoRoot.find().resolve("template.yaml"));
    }

    // ------------------------------------------------------------------ as written

    public Path path() {
        return path;
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Every declared resource by logical id, as written (a false Condition does not remove one here). */
    public Map<String, Map<String, Object>> resources() {
        return resources;
    }

    /** A resource's Properties as written, naming the logical id when it is missing or of another type. */
    public Map<String, Object> properties(String logicalId, String expectedType) {
        Map<String, Object> resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException(path + ": no resource " + logicalId);
        }
        if (expectedType != null && !expectedType.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(
                    path + ": " + logicalId + " is a " + resource.get("Type") + ", expected " + expectedType);
        }
        return Values.map(resource.get("Properties"));
    }

    /** Every declared resource of a type (Conditions not applied). */
    public List<String> logicalIdsOfType(String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    // ------------------------------------------------------------------ as deployed

    public Account account() {
        return resolver.account();
    }

    public Resolver resolver() {
        return resolver;
    }

    /**
     * Parameter values: the Defaults, then Metadata.Eventflow.LocalParameters for parameters a deployment must name
     * (the local runtime is a development environment), overridden by the values given at load.
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    private static Map<String, String> parameters(Map<String, Object> root, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Values.map(root.get("Parameters")).forEach((name, def) -> {
            Object d = Values.map(def).get("Default");
            if (d != null) {
                values.put(name, String.valueOf(d));
            }
        });
        Values.map(Values.map(Values.map(root.get("Metadata")).get("Eventflow")).get("LocalParameters"))
                .forEach((name, value) -> values.putIfAbsent(name, String.valueOf(value)));
        values.putAll(overrides);
        return values;
    }

    /** The queue's URL as the endpoint gave it. */
    public String queueUrl(Queue queue) {
        return resolver.queueUrl(queue.name());
    }

    public List<Table> tables() {
        return resolver.idsOf("AWS::DynamoDB::Table").stream()
                .map(id -> new Table(id, resolver.name(id)))
                .toList();
    }

    /** A table's keys, indexes, stream and TTL as written (what {@link TableProvisioner} creates). */
    public Model.TableSchema tableSchema(String logicalId) {
        return TableSchemas.read(properties(logicalId, "AWS::DynamoDB::Table"));
    }

    public Optional<Table> table(String logicalId) {
        return tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public List<Queue> queues() {
        List<Queue> out = new ArrayList<>();
        for (String id : resolver.idsOf("AWS::SQS::Queue")) {
            Map<String, Object> p = properties(id, null);
            String name = resolver.name(id);
            boolean fifo = bool(resolver.resolve(p.get("FifoQueue"), id), false);
            String dlq = null;
            int maxReceive = 0;
            Object redrive = resolver.resolve(p.get("RedrivePolicy"), id + ".RedrivePolicy");
            if (redrive != null) {
                Map<String, Object> r = Values.jsonOrMap(redrive);
                dlq = (String) r.get("deadLetterTargetArn");
                maxReceive = integer(r.get("maxReceiveCount"), 0);
                if (dlq == null || maxReceive < 1) {
                    throw new TemplateException(id, "RedrivePolicy needs deadLetterTargetArn and maxReceiveCount >= 1");
                }
            }
            out.add(new Queue(
                    id,
                    name,
                    resolver.arn("sqs", name),
                    integer(resolver.resolve(p.get("VisibilityTimeout"), id), 30),
                    integer(resolver.resolve(p.get("MessageRetentionPeriod"), id), 345600),
                    fifo,
                    dlq,
                    maxReceive));
        }
        return out;
    }

    public List<Topic> topics() {
        return resolver.idsOf("AWS::SNS::Topic").stream()
                .map(id -> {
                    String name = resolver.name(id);
                    return new Topic(id, name, resolver.arn("sns", name));
                })
                .toList();
    }

    /** AWS::SNS::Subscription resources plus the inline Subscription lists of topics. */
    public List<Subscription> subscriptions() {
        List<Subscription> out = new ArrayList<>();
        for (String id : resolver.idsOf("AWS::SNS::Subscription")) {
            Map<String, Object> p = Values.map(resolver.resolve(properties(id, null), id));
            Object filter = p.get("FilterPolicy");
            Object redrive = p.get("RedrivePolicy");
            String redriveArn =
                    redrive == null ? null : (String) Values.jsonOrMap(redrive).get("deadLetterTargetArn");
            out.add(new Subscription(
                    id,
                    required(p, "TopicArn", id),
                    required(p, "Protocol", id),
                    required(p, "Endpoint", id),
                    filter == null ? null : Values.jsonText(filter),
                    (String) p.getOrDefault("FilterPolicyScope", "MessageAttributes"),
                    bool(p.get("RawMessageDelivery"), false),
                    redriveArn));
        }
        for (String id : resolver.idsOf("AWS::SNS::Topic")) {
            Object inline = resolver.resolve(properties(id, null).get("Subscription"), id);
            int i = 0;
            for (Object o : Values.list(inline)) {
                Map<String, Object> s = Values.map(o);
                out.add(new Subscription(
                        id + ".Subscription[" + i++ + "]",
                        resolver.arn("sns", resolver.name(id)),
                        required(s, "Protocol", id),
                        required(s, "Endpoint", id),
                        null,
                        "MessageAttributes",
                        false,
                        null));
            }
        }
        return out;
    }

    public List<Bus> buses() {
        return resolver.idsOf("AWS::Events::EventBus").stream()
                .map(id -> new Bus(id, resolver.name(id)))
                .toList();
    }

    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (String id : resolver.idsOf("AWS::Events::Rule")) {
            Map<String, Object> p = Values.map(resolver.resolve(properties(id, null), id));
            Object pattern = p.get("EventPattern");
            if (pattern == null) {
                throw new TemplateException(id, "has no EventPattern (scheduled rules are not run locally)");
            }
            String bus = (String) p.getOrDefault("EventBusName", "default");
            if (bus.startsWith("arn:")) {
                bus = Resolver.lastSegment(bus);
            }
            List<Target> targets = new ArrayList<>();
            for (Object t : Values.list(p.get("Targets"))) {
                Map<String, Object> tm = Values.map(t);
                Map<String, Object> retry = Values.map(tm.get("RetryPolicy"));
                targets.add(new Target(
                        required(tm, "Id", id),
                        required(tm, "Arn", id),
                        (String) Values.map(tm.get("DeadLetterConfig")).get("Arn"),
                        retry.isEmpty() ? null : integer(retry.get("MaximumRetryAttempts"), 185),
                        retry.isEmpty() ? null : integer(retry.get("MaximumEventAgeInSeconds"), 86400),
                        (String) tm.get("InputPath"),
                        tm.get("Input") == null ? null : Values.jsonText(tm.get("Input"))));
            }
            String state = String.valueOf(p.getOrDefault("State", "ENABLED"));
            out.add(new Rule(id, resolver.name(id), bus, Values.jsonText(pattern), state.equals("ENABLED"), targets));
        }
        return out;
    }

    public List<Model.Function> functions() {
        return resolver.idsOf("AWS::Serverless::Function").stream()
                .map(functionReader::function)
                .toList();
    }

    /** The function as SAM deploys it; a TemplateException when there is no such function. */
    public Model.Function function(String logicalId) {
        return functionReader.function(logicalId);
    }

    /** Queues that only collect failures: redrive targets, OnFailure destinations, rule target DLQs. */
    public Set<String> dlqArns() {
        Set<String> dlqs = new LinkedHashSet<>();
        queues().forEach(q -> addIfSet(dlqs, q.redriveTargetArn()));
        subscriptions().forEach(s -> addIfSet(dlqs, s.redriveTargetArn()));
        rules().forEach(r -> r.targets().forEach(t -> addIfSet(dlqs, t.dlqArn())));
        functions()
                .forEach(f -> f.events().forEach(e -> {
                    if (e instanceof Model.StreamSource s) {
                        addIfSet(dlqs, s.onFailureArn());
                    }
                }));
        return dlqs;
    }

    private static void addIfSet(Set<String> into, String arn) {
        if (arn != null) {
            into.add(arn);
        }
    }
}
