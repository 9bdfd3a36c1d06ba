package io.eventflow.runtime.template;

import io.eventflow.emulator.Template;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.template.Model.Bus;
import io.eventflow.runtime.template.Model.EventSource;
import io.eventflow.runtime.template.Model.Function;
import io.eventflow.runtime.template.Model.HttpRoute;
import io.eventflow.runtime.template.Model.Queue;
import io.eventflow.runtime.template.Model.Rule;
import io.eventflow.runtime.template.Model.RuleSource;
import io.eventflow.runtime.template.Model.SqsSource;
import io.eventflow.runtime.template.Model.StreamSource;
import io.eventflow.runtime.template.Model.Subscription;
import io.eventflow.runtime.template.Model.Table;
import io.eventflow.runtime.template.Model.Target;
import io.eventflow.runtime.template.Model.Topic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * template.yaml read the way SAM + CloudFormation would deploy it: Globals.Function merged into every
 * function, intrinsics resolved to local names and ARNs, event sources and wiring as plain records.
 */
public final class AppTemplate {
    public static final String STACK = "eventflow";

    private final Template source;
    private final Path path;
    private final Resolver resolver;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, Object> functionGlobals;
    private final Map<String, String> parameters;

    private AppTemplate(Template template, Map<String, String> overrides, Account account, java.util.function.Function<String, String> queueUrls) {
        this.source = template;
        this.path = template.path();
        this.resources = template.resources();
        this.parameters = parameters(template.root(), overrides);
        Map<String, Object> globals = map(template.root().get("Globals"));
        this.functionGlobals = map(globals.get("Function"));
        @SuppressWarnings("unchecked") Map<String, Object> conditions = (Map<String, Object>) template.root().get("Conditions");
        this.resolver = new Resolver(resources, conditions, parameters, account, STACK, queueUrls);
    }

    /**
     * @param account   the partition, region and account ARNs are built in ({@link Account#discover()})
     * @param queueUrls a queue's URL by name as the endpoint gives it (asked only once the queue exists)
     */
    public static AppTemplate load(Path templatePath, Map<String, String> parameterOverrides, Account account,
                                   java.util.function.Function<String, String> queueUrls) {
        return new AppTemplate(Template.load(templatePath), parameterOverrides, account, queueUrls);
    }

    /** The queue's URL as the endpoint gave it. */
    public String queueUrl(Queue queue) {
        return resolver.queueUrl(queue.name());
    }

    public Account account() {
        return resolver.account();
    }

    /** The template as loaded (for the emulator's TableProvisioner). */
    public Template source() {
        return source;
    }

    public Path path() {
        return path;
    }

    public Resolver resolver() {
        return resolver;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    private static Map<String, String> parameters(Map<String, Object> root, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, def) -> {
            Object d = map(def).get("Default");
            if (d != null) {
                values.put(name, String.valueOf(d));
            }
        });
        values.putAll(overrides);
        return values;
    }

    /** Resources of a type that CloudFormation would create: a resource whose Condition is false is skipped. */
    private List<String> idsOf(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .filter(e -> !(e.getValue().get("Condition") instanceof String c) || resolver.conditionHolds(c, e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    private Map<String, Object> props(String id) {
        return map(resources.get(id).get("Properties"));
    }

    public List<Table> tables() {
        return idsOf("AWS::DynamoDB::Table").stream().map(id -> new Table(id, resolver.name(id))).toList();
    }

    public Optional<Table> table(String logicalId) {
        return tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public List<Queue> queues() {
        List<Queue> out = new ArrayList<>();
        for (String id : idsOf("AWS::SQS::Queue")) {
            Map<String, Object> p = props(id);
            String name = resolver.name(id);
            boolean fifo = bool(resolver.resolve(p.get("FifoQueue"), id), false);
            String dlq = null;
            int maxReceive = 0;
            Object redrive = resolver.resolve(p.get("RedrivePolicy"), id + ".RedrivePolicy");
            if (redrive != null) {
                Map<String, Object> r = redrive instanceof String s ? jsonMap(s) : map(redrive);
                dlq = (String) r.get("deadLetterTargetArn");
                maxReceive = integer(r.get("maxReceiveCount"), 0);
                if (dlq == null || maxReceive < 1) {
                    throw new TemplateException(id, "RedrivePolicy needs deadLetterTargetArn and maxReceiveCount >= 1");
                }
            }
            out.add(new Queue(id, name, resolver.arn("sqs", name),
                    integer(resolver.resolve(p.get("VisibilityTimeout"), id), 30),
                    integer(resolver.resolve(p.get("MessageRetentionPeriod"), id), 345600), fifo, dlq, maxReceive));
        }
        return out;
    }

    public List<Topic> topics() {
        return idsOf("AWS::SNS::Topic").stream().map(id -> {
            String name = resolver.name(id);
            return new Topic(id, name, resolver.arn("sns", name));
        }).toList();
    }

    /** AWS::SNS::Subscription resources plus the inline Subscription lists of topics. */
    public List<Subscription> subscriptions() {
        List<Subscription> out = new ArrayList<>();
        for (String id : idsOf("AWS::SNS::Subscription")) {
            Map<String, Object> p = map(resolver.resolve(props(id), id));
            Object filter = p.get("FilterPolicy");
            Object redrive = p.get("RedrivePolicy");
            String redriveArn = redrive == null ? null
                    : (String) (redrive instanceof String s ? jsonMap(s) : map(redrive)).get("deadLetterTargetArn");
            out.add(new Subscription(id, required(p, "TopicArn", id), required(p, "Protocol", id), required(p, "Endpoint", id),
                    filter == null ? null : Json.asJsonText(filter), (String) p.getOrDefault("FilterPolicyScope", "MessageAttributes"),
                    bool(p.get("RawMessageDelivery"), false), redriveArn));
        }
        for (String id : idsOf("AWS::SNS::Topic")) {
            Object inline = resolver.resolve(props(id).get("Subscription"), id);
            if (inline instanceof List<?> l) {
                int i = 0;
                for (Object o : l) {
                    Map<String, Object> s = map(o);
                    out.add(new Subscription(id + ".Subscription[" + i++ + "]", resolver.arn("sns", resolver.name(id)),
                            required(s, "Protocol", id), required(s, "Endpoint", id), null, "MessageAttributes", false, null));
                }
            }
        }
        return out;
    }

    public List<Bus> buses() {
        return idsOf("AWS::Events::EventBus").stream().map(id -> new Bus(id, resolver.name(id))).toList();
    }

    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (String id : idsOf("AWS::Events::Rule")) {
            Map<String, Object> p = map(resolver.resolve(props(id), id));
            Object pattern = p.get("EventPattern");
            if (pattern == null) {
                throw new TemplateException(id, "has no EventPattern (scheduled rules are not run locally)");
            }
            String bus = (String) p.getOrDefault("EventBusName", "default");
            if (bus.startsWith("arn:")) {
                bus = Resolver.lastSegment(bus);
            }
            List<Target> targets = new ArrayList<>();
            for (Object t : list(p.get("Targets"))) {
                Map<String, Object> tm = map(t);
                Map<String, Object> retry = map(tm.get("RetryPolicy"));
                targets.add(new Target(required(tm, "Id", id), required(tm, "Arn", id),
                        (String) map(tm.get("DeadLetterConfig")).get("Arn"),
                        retry.isEmpty() ? null : integer(retry.get("MaximumRetryAttempts"), 185),
                        retry.isEmpty() ? null : integer(retry.get("MaximumEventAgeInSeconds"), 86400),
                        (String) tm.get("InputPath"), tm.get("Input") == null ? null : Json.asJsonText(tm.get("Input"))));
            }
            String state = String.valueOf(p.getOrDefault("State", "ENABLED"));
            out.add(new Rule(id, resolver.name(id), bus, Json.asJsonText(pattern), state.equals("ENABLED"), targets));
        }
        return out;
    }

    public List<Function> functions() {
        return idsOf("AWS::Serverless::Function").stream().map(this::function).toList();
    }

    public Function function(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        if (resource == null || !"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new TemplateException(logicalId, resource == null ? "no such function in " + path
                    : "is a " + resource.get("Type") + ", not an AWS::Serverless::Function");
        }
        Map<String, Object> p = Globals.merge(functionGlobals, map(resource.get("Properties")));
        String handler = resolver.string(p.get("Handler"), logicalId + ".Handler");
        if (handler == null || handler.isBlank()) {
            throw new TemplateException(logicalId, "has no Handler (neither in Properties nor in Globals.Function)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object vars = map(resolver.resolve(p.get("Environment"), logicalId + ".Environment")).get("Variables");
        map(vars).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        List<EventSource> events = new ArrayList<>();
        map(p.get("Events")).forEach((name, e) -> events.add(event(logicalId, name, map(e))));
        String name = resolver.name(logicalId);
        return new Function(logicalId, name, resolver.arn("lambda", "function:" + name), handler,
                integer(resolver.resolve(p.get("Timeout"), logicalId), 3),
                integer(resolver.resolve(p.get("MemorySize"), logicalId), 128), env, events);
    }

    private EventSource event(String fn, String name, Map<String, Object> e) {
        String where = fn + ".Events." + name;
        String type = String.valueOf(e.get("Type"));
        Map<String, Object> p = map(resolver.resolve(e.get("Properties"), where));
        boolean rbif = list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        return switch (type) {
            case "SQS" -> {
                List<String> filters = new ArrayList<>();
                for (Object f : list(map(p.get("FilterCriteria")).get("Filters"))) {
                    filters.add(Json.asJsonText(map(f).get("Pattern")));
                }
                int batch = integer(p.get("BatchSize"), 10);
                int window = integer(p.get("MaximumBatchingWindowInSeconds"), 0);
                if (batch > 10 && window < 1) {
                    throw new TemplateException(where, "BatchSize " + batch + " > 10 needs MaximumBatchingWindowInSeconds >= 1");
                }
                yield new SqsSource(name, required(p, "Queue", where), batch, window, rbif, bool(p.get("Enabled"), true), filters);
            }
            case "DynamoDB" -> {
                Map<String, Object> onFailure = map(map(p.get("DestinationConfig")).get("OnFailure"));
                yield new StreamSource(name, required(p, "Stream", where), required(p, "StartingPosition", where),
                        integer(p.get("BatchSize"), 100), integer(p.get("MaximumBatchingWindowInSeconds"), 0),
                        bool(p.get("BisectBatchOnFunctionError"), false), integer(p.get("MaximumRetryAttempts"), -1),
                        integer(p.get("MaximumRecordAgeInSeconds"), -1), rbif, (String) onFailure.get("Destination"),
                        bool(p.get("Enabled"), true));
            }
            case "HttpApi" -> {
                String path = (String) p.get("Path");
                String method = (String) p.get("Method");
                yield path == null && method == null ? new HttpRoute(name, "ANY", "$default", iamAuth(p, null, null))
                        : new HttpRoute(name, method == null ? "ANY" : method.toUpperCase(), path, iamAuth(p, path, method));
            }
            case "EventBridgeRule", "CloudWatchEvent" -> {
                String bus = (String) p.getOrDefault("EventBusName", "default");
                yield new RuleSource(name, bus.startsWith("arn:") ? Resolver.lastSegment(bus) : bus,
                        Json.asJsonText(p.get("Pattern")), (String) p.getOrDefault("RuleName", fn + name));
            }
            default -> throw new TemplateException(where, "event type " + type
                    + " is not run by the local runtime (SQS, DynamoDB, HttpApi, EventBridgeRule are)");
        };
    }

    /**
     * Whether API Gateway would require SigV4 on this route: the HttpApi's Auth.DefaultAuthorizer is AWS_IAM, or its
     * DefinitionBody (conditions resolved, e.g. the ApiAuth parameter) gives the operation an AWS_IAM security.
     */
    private boolean iamAuth(Map<String, Object> event, String path, String method) {
        String api = event.get("ApiId") instanceof String id ? apiLogicalId(id) : null;
        if (api == null || !resources.containsKey(api)) {
            return false;
        }
        // only what decides authorization (the rest, e.g. access log ARNs, is not run locally)
        Map<String, Object> auth = map(resolver.resolve(props(api).get("Auth"), api + ".Auth"));
        if ("AWS_IAM".equals(auth.get("DefaultAuthorizer"))) {
            return true;
        }
        if (path == null || method == null) {
            return false;
        }
        Map<String, Object> body = map(resolver.resolve(props(api).get("DefinitionBody"), api + ".DefinitionBody"));
        Object security = map(map(map(body.get("paths")).get(path))
                .get(method.toLowerCase(java.util.Locale.ROOT))).get("security");
        return list(security).stream().anyMatch(s -> map(s).containsKey("AWS_IAM"));
    }

    /** !Ref HttpApi resolves to the API's local name; map it back to the logical id. */
    private String apiLogicalId(String resolved) {
        return idsOf("AWS::Serverless::HttpApi").stream().filter(id -> id.equals(resolved) || resolver.name(id).equals(resolved))
                .findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ small helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonMap(String json) {
        return Json.MAPPER.convertValue(Json.parse(json), Map.class);
    }

    private static String required(Map<String, Object> p, String key, String where) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new TemplateException(where, key + " is missing");
        }
        if (v instanceof Map || v instanceof List) {
            throw new TemplateException(where, key + " must resolve to a string, got " + v);
        }
        return String.valueOf(v);
    }

    private static int integer(Object v, int dflt) {
        return v == null ? dflt : Integer.parseInt(String.valueOf(v).trim());
    }

    private static boolean bool(Object v, boolean dflt) {
        return v == null ? dflt : Boolean.parseBoolean(String.valueOf(v).trim());
    }

    /** Queues that only collect failures: redrive targets, OnFailure destinations, rule target DLQs. */
    public Set<String> dlqArns() {
        Set<String> dlqs = new LinkedHashSet<>();
        queues().forEach(q -> {
            if (q.redriveTargetArn() != null) {
                dlqs.add(q.redriveTargetArn());
            }
        });
        subscriptions().forEach(s -> {
            if (s.redriveTargetArn() != null) {
                dlqs.add(s.redriveTargetArn());
            }
        });
        rules().forEach(r -> r.targets().forEach(t -> {
            if (t.dlqArn() != null) {
                dlqs.add(t.dlqArn());
            }
        }));
        functions().forEach(f -> f.events().forEach(e -> {
            if (e instanceof Model.StreamSource s && s.onFailureArn() != null) {
                dlqs.add(s.onFailureArn());
            }
        }));
        return dlqs;
    }
}
