package io.eventflow.emulator.template;

import static io.eventflow.emulator.template.Values.bool;
import static io.eventflow.emulator.template.Values.integer;
import static io.eventflow.emulator.template.Values.jsonText;
import static io.eventflow.emulator.template.Values.list;
import static io.eventflow.emulator.template.Values.map;
import static io.eventflow.emulator.template.Values.required;

import io.eventflow.emulator.template.Model.EventSource;
import io.eventflow.emulator.template.Model.Function;
import io.eventflow.emulator.template.Model.HttpRoute;
import io.eventflow.emulator.template.Model.RuleSource;
import io.eventflow.emulator.template.Model.SqsSource;
import io.eventflow.emulator.template.Model.StreamSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An AWS::Serverless::Function as SAM deploys it: Globals.Function merged in, its event sources as records. */
public final class FunctionReader {
    private final Path path;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, Object> functionGlobals;
    private final Resolver resolver;

    public FunctionReader(
            Path path,
            Map<String, Map<String, Object>> resources,
            Map<String, Object> functionGlobals,
            Resolver resolver) {
        this.path = path;
        this.resources = resources;
        this.functionGlobals = functionGlobals;
        this.resolver = resolver;
    }

    public Function function(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        if (resource == null || !"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new TemplateException(
                    logicalId,
                    resource == null
                            ? "no such function in " + path
                            : "is a " + resource.get("Type") + ", not an AWS::Serverless::Function");
        }
        Map<String, Object> p = Globals.merge(functionGlobals, map(resource.get("Properties")));
        String handler = resolver.string(p.get("Handler"), logicalId + ".Handler");
        if (handler == null || handler.isBlank()) {
            throw new TemplateException(logicalId, "has no Handler (neither in Properties nor in Globals.Function)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object vars = map(resolver.resolve(p.get("Environment"), logicalId + ".Environment"))
                .get("Variables");
        map(vars).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        List<EventSource> events = new ArrayList<>();
        map(p.get("Events")).forEach((name, e) -> events.add(event(logicalId, name, map(e))));
        String name = resolver.name(logicalId);
        return new Function(
                logicalId,
                name,
                resolver.arn("lambda", "function:" + name),
                handler,
                integer(resolver.resolve(p.get("Timeout"), logicalId), 3),
                integer(resolver.resolve(p.get("MemorySize"), logicalId), 128),
                env,
                events);
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
                    filters.add(jsonText(map(f).get("Pattern")));
                }
                int batch = integer(p.get("BatchSize"), 10);
                int window = integer(p.get("MaximumBatchingWindowInSeconds"), 0);
                if (batch > 10 && window < 1) {
                    throw new TemplateException(
                            where, "BatchSize " + batch + " > 10 needs MaximumBatchingWindowInSeconds >= 1");
                }
                yield new SqsSource(
                        name, required(p, "Queue", where), batch, window, rbif, bool(p.get("Enabled"), true), filters);
            }
            case "DynamoDB" -> {
                Map<String, Object> onFailure =
                        map(map(p.get("DestinationConfig")).get("OnFailure"));
                yield new StreamSource(
                        name,
                        required(p, "Stream", where),
                        required(p, "StartingPosition", where),
                        integer(p.get("BatchSize"), 100),
                        integer(p.get("MaximumBatchingWindowInSeconds"), 0),
                        bool(p.get("BisectBatchOnFunctionError"), false),
                        integer(p.get("MaximumRetryAttempts"), -1),
                        integer(p.get("MaximumRecordAgeInSeconds"), -1),
                        rbif,
                        (String) onFailure.get("Destination"),
                        bool(p.get("Enabled"), true));
            }
            case "HttpApi" -> {
                String path = (String) p.get("Path");
                String method = (String) p.get("Method");
                yield path == null && method == null
                        ? new HttpRoute(name, "ANY", "$default", iamAuth(p, null, null))
                        : new HttpRoute(
                                name, method == null ? "ANY" : method.toUpperCase(), path, iamAuth(p, path, method));
            }
            case "EventBridgeRule", "CloudWatchEvent" -> {
                String bus = (String) p.getOrDefault("EventBusName", "default");
                yield new RuleSource(
                        name,
                        bus.startsWith("arn:") ? Resolver.lastSegment(bus) : bus,
                        jsonText(p.get("Pattern")),
                        (String) p.getOrDefault("RuleName", fn + name));
            }
            default ->
                throw new TemplateException(
                        where,
                        "event type " + type
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
        Map<String, Object> props = map(resources.get(api).get("Properties"));
        Map<String, Object> auth = map(resolver.resolve(props.get("Auth"), api + ".Auth"));
        if ("AWS_IAM".equals(auth.get("DefaultAuthorizer"))) {
            return true;
        }
        if (path == null || method == null) {
            return false;
        }
        Map<String, Object> body = map(resolver.resolve(props.get("DefinitionBody"), api + ".DefinitionBody"));
        Object security = map(map(map(body.get("paths")).get(path)).get(method.toLowerCase(Locale.ROOT)))
                .get("security");
        return list(security).stream().anyMatch(s -> map(s).containsKey("AWS_IAM"));
    }

    /** !Ref HttpApi resolves to the API's local name; map it back to the logical id. */
    private String apiLogicalId(String resolved) {
        return resolver.idsOf("AWS::Serverless::HttpApi").stream()
                .filter(id -> id.equals(resolved) || resolver.name(id).equals(resolved))
                .findFirst()
                .orElse(null);
    }
}
