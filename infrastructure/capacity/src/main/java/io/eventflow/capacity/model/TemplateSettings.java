package io.eventflow.capacity.model;

import io.eventflow.emulator.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The scaling settings of template.yaml that the model compares with what a rate needs. */
public record TemplateSettings(Map<String, Function> functions) {
    /**
     * @param trigger SQS, DynamoDB (stream), HttpApi or none
     * @param fedBy for SQS: eventbridge (a rule targets the queue) or sns (a subscription delivers to it)
     * @param maximumConcurrency ScalingConfig.MaximumConcurrency of the SQS mapping, null when unset
     * @param reservedConcurrency ReservedConcurrentExecutions, null when unset
     */
    public record Function(
            String logicalId,
            int memoryMb,
            String trigger,
            String queue,
            String fedBy,
            int batchSize,
            int parallelizationFactor,
            Integer maximumConcurrency,
            Integer reservedConcurrency) {}

    @SuppressWarnings("unchecked")
    public static TemplateSettings read(Path templateFile) {
        Template t = Template.load(templateFile);
        Map<String, Object> globals = (Map<String, Object>)
                ((Map<String, Object>) t.root().getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of());
        int defaultMemory = number(globals.get("MemorySize"), 128);
        List<String> snsQueues = t.logicalIdsOfType("AWS::SNS::Subscription").stream()
                .map(id -> refOf(t.properties(id, "AWS::SNS::Subscription").get("Endpoint")))
                .toList();
        Map<String, Function> fns = new TreeMap<>();
        for (String id : t.logicalIdsOfType("AWS::Serverless::Function")) {
            Map<String, Object> p = t.properties(id, "AWS::Serverless::Function");
            String trigger = "none";
            String queue = null;
            int batch = 0;
            int pf = 0;
            Integer maxConc = null;
            Map<String, Object> events = (Map<String, Object>) p.getOrDefault("Events", Map.of());
            for (Object e : events.values()) {
                Map<String, Object> ev = (Map<String, Object>) e;
                Map<String, Object> props = (Map<String, Object>) ev.getOrDefault("Properties", Map.of());
                switch (String.valueOf(ev.get("Type"))) {
                    case "SQS" -> {
                        trigger = "SQS";
                        queue = refOf(props.get("Queue"));
                        batch = number(props.get("BatchSize"), 10);
                        Object scaling = props.get("ScalingConfig");
                        if (scaling instanceof Map<?, ?> s && s.get("MaximumConcurrency") != null) {
                            maxConc = number(s.get("MaximumConcurrency"), 0);
                        }
                    }
                    case "DynamoDB" -> {
                        trigger = "DynamoDB";
                        batch = number(props.get("BatchSize"), 100);
                        pf = number(props.get("ParallelizationFactor"), 1);
                    }
                    case "HttpApi" -> trigger = "HttpApi";
                    default -> {}
                }
            }
            // A parameter (e.g. ApiReservedConcurrency) counts at its Default: what `sam deploy` sets unless
            // overridden.
            Object reserved = parameterDefault(t, p.get("ReservedConcurrentExecutions"));
            fns.put(
                    id,
                    new Function(
                            id,
                            number(p.get("MemorySize"), defaultMemory),
                            trigger,
                            queue,
                            queue == null ? null : snsQueues.contains(queue) ? "sns" : "eventbridge",
                            batch,
                            pf,
                            maxConc,
                            reserved == null ? null : number(reserved, 0)));
        }
        return new TemplateSettings(fns);
    }

    @SuppressWarnings("unchecked")
    private static Object parameterDefault(Template t, Object v) {
        if (v instanceof Map<?, ?> m && m.get("Ref") instanceof String name) {
            Map<String, Object> params = (Map<String, Object>) t.root().getOrDefault("Parameters", Map.of());
            if (params.get(name) instanceof Map<?, ?> param) {
                return param.get("Default");
            }
        }
        return v;
    }

    /** The logical id in !Ref X / !GetAtt X.Arn (long form after Template's reading), else the text. */
    @SuppressWarnings("unchecked")
    static String refOf(Object v) {
        if (v instanceof Map<?, ?> m) {
            Object ref = m.get("Ref");
            if (ref != null) {
                return String.valueOf(ref);
            }
            Object att = m.get("Fn::GetAtt");
            if (att instanceof List<?> l && !l.isEmpty()) {
                return String.valueOf(l.get(0));
            }
            if (att instanceof String s) {
                return s.substring(0, s.indexOf('.') < 0 ? s.length() : s.indexOf('.'));
            }
        }
        return String.valueOf(v);
    }

    private static int number(Object v, int fallback) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
