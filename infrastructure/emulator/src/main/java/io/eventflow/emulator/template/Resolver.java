package io.eventflow.emulator.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics (Ref, GetAtt, Sub, Join, Select, Split, If, Equals...) to local
 * physical names and ARNs. Names: the resource's explicit name property, else {@code <stack>-<LogicalId>}.
 * Stream ARNs are symbolic ({@code .../stream/local}); the stream poller looks the real one up by table.
 */
public final class Resolver {
    /** Removed from lists and maps, like AWS::NoValue. */
    public static final Object NO_VALUE = new Object();

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    private static final Map<String, String> NAME_PROPERTY = Map.of(
            "AWS::DynamoDB::Table",
            "TableName",
            "AWS::SQS::Queue",
            "QueueName",
            "AWS::SNS::Topic",
            "TopicName",
            "AWS::Events::EventBus",
            "Name",
            "AWS::Events::Rule",
            "Name",
            "AWS::Serverless::Function",
            "FunctionName",
            "AWS::Lambda::Function",
            "FunctionName");

    private final Map<String, Map<String, Object>> resources;
    private final Map<String, Object> conditions;
    private final Map<String, String> parameters;
    private final Account account;
    private final String stack;
    private final Function<String, String> queueUrls;
    private final Set<String> naming = new HashSet<>();

    /** @param queueUrls a queue's URL by name, as the endpoint returns it (GetQueueUrl); asked only when needed */
    public Resolver(
            Map<String, Map<String, Object>> resources,
            Map<String, Object> conditions,
            Map<String, String> parameters,
            Account account,
            String stack,
            Function<String, String> queueUrls) {
        this.resources = resources;
        this.conditions = conditions == null ? Map.of() : conditions;
        this.parameters = parameters;
        this.account = account;
        this.stack = stack;
        this.queueUrls = queueUrls;
    }

    public String region() {
        return account.region();
    }

    public Account account() {
        return account;
    }

    /** The value with every intrinsic evaluated; {@code where} names the place in errors. */
    @SuppressWarnings("unchecked")
    public Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, m.values().iterator().next(), where);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                Object v = resolve(e.getValue(), where);
                if (v != NO_VALUE) {
                    out.put(e.getKey(), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                Object v = resolve(o, where);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    public String string(Object value, String where) {
        Object v = resolve(value, where);
        if (v == null || v == NO_VALUE) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new TemplateException(where, "expected a string, got " + v);
        }
        return String.valueOf(v);
    }

    private Object intrinsic(String fn, Object arg, String where) {
        return switch (fn) {
            case "Ref" -> ref(String.valueOf(arg), where);
            case "Fn::GetAtt" -> {
                List<String> parts = arg instanceof List<?> l
                        ? l.stream().map(o -> string(o, where)).toList()
                        : List.of(String.valueOf(arg).split("\\.", 2));
                yield getAtt(parts.get(0), parts.get(1), where);
            }
            case "Fn::Sub" -> sub(arg, where);
            case "Fn::Join" -> {
                List<?> a = (List<?>) arg;
                List<?> items = (List<?>) resolve(a.get(1), where);
                yield String.join(
                        string(a.get(0), where),
                        items.stream().map(String::valueOf).toList());
            }
            case "Fn::Select" -> {
                List<?> a = (List<?>) arg;
                List<?> items = (List<?>) resolve(a.get(1), where);
                yield items.get(Integer.parseInt(string(a.get(0), where)));
            }
            case "Fn::Split" -> {
                List<?> a = (List<?>) arg;
                yield List.of(string(a.get(1), where).split(Pattern.quote(string(a.get(0), where)), -1));
            }
            case "Fn::If" -> {
                List<?> a = (List<?>) arg;
                yield condition(String.valueOf(a.get(0)), where) ? resolve(a.get(1), where) : resolve(a.get(2), where);
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> evaluate(Map.of(fn, arg), where);
            case "Fn::ToJsonString" -> Values.json(resolve(arg, where));
            default -> throw new TemplateException(where, fn + " is not supported by the local runtime");
        };
    }

    /** Resources of a type that CloudFormation would create: a resource whose Condition is false is skipped. */
    public List<String> idsOf(String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")))
                .filter(e -> !(e.getValue().get("Condition") instanceof String c) || conditionHolds(c, e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Whether a named template condition holds (resources with a false Condition are not created). */
    public boolean conditionHolds(String name, String where) {
        return condition(name, where);
    }

    private boolean condition(String name, String where) {
        Object c = conditions.get(name);
        if (c == null) {
            throw new TemplateException(where, "unknown condition " + name);
        }
        return evaluate(c, where);
    }

    private boolean evaluate(Object c, String where) {
        if (c instanceof Map<?, ?> m && m.size() == 1) {
            String k = String.valueOf(m.keySet().iterator().next());
            Object a = m.values().iterator().next();
            switch (k) {
                case "Fn::Equals" -> {
                    List<?> l = (List<?>) a;
                    return String.valueOf(resolve(l.get(0), where)).equals(String.valueOf(resolve(l.get(1), where)));
                }
                case "Fn::Not" -> {
                    return !evaluate(((List<?>) a).get(0), where);
                }
                case "Fn::And" -> {
                    return ((List<?>) a).stream().allMatch(x -> evaluate(x, where));
                }
                case "Fn::Or" -> {
                    return ((List<?>) a).stream().anyMatch(x -> evaluate(x, where));
                }
                case "Condition" -> {
                    return condition(String.valueOf(a), where);
                }
                default -> {}
            }
        }
        return Boolean.parseBoolean(String.valueOf(resolve(c, where)));
    }

    private String sub(Object arg, String where) {
        String text;
        Map<String, Object> vars = Map.of();
        if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) resolve(l.get(1), where);
            vars = v;
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (vars.containsKey(name)) {
                replacement = String.valueOf(vars.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] p = name.split("\\.", 2);
                replacement = String.valueOf(getAtt(p[0], p[1], where));
            } else {
                replacement = String.valueOf(ref(name, where));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    public Object ref(String id, String where) {
        switch (id) {
            case "AWS::Region":
                return account.region();
            case "AWS::AccountId":
                return account.id();
            case "AWS::StackName":
                return stack;
            case "AWS::StackId":
                return account.arn("cloudformation", "stack/" + stack + "/local");
            case "AWS::Partition":
                return account.partition();
            case "AWS::URLSuffix":
                return account.partition().equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(id)) {
            return parameters.get(id);
        }
        String type = type(id, where);
        return switch (type) {
            case "AWS::SQS::Queue" -> queueUrl(name(id));
            case "AWS::SNS::Topic" -> arn("sns", name(id));
            default -> name(id);
        };
    }

    public Object getAtt(String id, String attribute, String where) {
        String type = type(id, where);
        String name = name(id);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + name);
            case "AWS::DynamoDB::Table.StreamArn" -> streamArn(name);
            case "AWS::SQS::Queue.Arn" -> arn("sqs", name);
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(name);
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::SNS::Topic.TopicArn" -> arn("sns", name);
            case "AWS::SNS::Topic.TopicName" -> name;
            case "AWS::Events::EventBus.Arn" -> arn("events", "event-bus/" + name);
            case "AWS::Events::EventBus.Name" -> name;
            case "AWS::Events::Rule.Arn" -> arn("events", "rule/" + name);
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> arn("lambda", "function:" + name);
            default ->
                throw new TemplateException(
                        where,
                        "!GetAtt " + id + "." + attribute + " is not supported by the local runtime (" + type + ")");
        };
    }

    /** The physical name of a resource: its name property, else {@code <stack>-<LogicalId>}. */
    public String name(String id) {
        Map<String, Object> r = resources.get(id);
        String prop = r == null ? null : NAME_PROPERTY.get(String.valueOf(r.get("Type")));
        Object explicit =
                prop == null || r.get("Properties") == null ? null : ((Map<?, ?>) r.get("Properties")).get(prop);
        if (explicit == null) {
            return stack + "-" + id;
        }
        if (!naming.add(id)) {
            throw new TemplateException(id, "its name refers to itself");
        }
        try {
            return string(explicit, id + "." + prop);
        } finally {
            naming.remove(id);
        }
    }

    public String type(String id, String where) {
        Map<String, Object> r = resources.get(id);
        if (r == null) {
            throw new TemplateException(where, "refers to " + id + ", which is neither a resource nor a parameter");
        }
        return String.valueOf(r.get("Type"));
    }

    public String arn(String service, String resource) {
        return account.arn(service, resource);
    }

    public String streamArn(String table) {
        return arn("dynamodb", "table/" + table + "/stream/local");
    }

    /** The URL the endpoint gave the queue (its format differs: moto, LocalStack and AWS each have their own). */
    public String queueUrl(String queueName) {
        return queueUrls.apply(queueName);
    }

    /** The last segment of an ARN: a queue or topic name. */
    public static String lastSegment(String arn) {
        int i = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
        return arn.substring(i + 1);
    }

    /** {@code arn:...:table/<name>/stream/...} to the table name. */
    public static String tableOfStream(String streamArn) {
        int t = streamArn.indexOf(":table/");
        String rest = streamArn.substring(t + 7);
        int s = rest.indexOf('/');
        return s < 0 ? rest : rest.substring(0, s);
    }
}
