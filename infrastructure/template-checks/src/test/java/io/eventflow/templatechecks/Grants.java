package io.eventflow.templatechecks;

import static io.eventflow.templatechecks.Wiring.list;
import static io.eventflow.templatechecks.Wiring.map;
import static io.eventflow.templatechecks.Wiring.target;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explicit IAM statements of a function's Policies (SAM policy templates are listed by name): which
 * actions on which template resources, under which condition.
 */
record Grants(String function, List<Grant> statements, Set<String> policyTemplates) {
    private static final Pattern SUB_ARN = Pattern.compile("\\$\\{(\\w+)\\.Arn}");

    /** One Allow statement; {@code resources} are logical ids (ARNs built with !GetAtt, !Ref or !Sub of X.Arn). */
    record Grant(Set<String> actions, Set<String> resources, Map<String, Object> condition) {
        boolean on(String logicalId) {
            return resources.contains(logicalId);
        }
    }

    static Grants of(Wiring wiring, String function) {
        List<Grant> grants = new ArrayList<>();
        Set<String> templates = new LinkedHashSet<>();
        for (Object policy : list(wiring.properties(function, Wiring.FUNCTION).get("Policies"))) {
            Map<String, Object> p = map(policy);
            if (!p.containsKey("Statement")) {
                templates.addAll(p.keySet());
                continue;
            }
            for (Object s : list(p.get("Statement"))) {
                Map<String, Object> st = map(s);
                if (!"Allow".equals(st.get("Effect"))) {
                    continue;
                }
                Set<String> actions = new LinkedHashSet<>();
                one(st.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
                Set<String> resources = new LinkedHashSet<>();
                one(st.get("Resource")).forEach(r -> resources.addAll(logicalIds(r)));
                grants.add(new Grant(actions, resources, map(st.get("Condition"))));
            }
        }
        return new Grants(function, grants, templates);
    }

    /** Actions granted on a resource (an action pattern such as dynamodb:* is kept as written). */
    Set<String> actionsOn(String logicalId) {
        Set<String> actions = new LinkedHashSet<>();
        statements.stream().filter(g -> g.on(logicalId)).forEach(g -> actions.addAll(g.actions()));
        return actions;
    }

    List<Grant> on(String logicalId) {
        return statements.stream().filter(g -> g.on(logicalId)).toList();
    }

    private static List<Object> one(Object value) {
        return value instanceof List<?> l ? list(l) : value == null ? List.of() : List.of(value);
    }

    private static Set<String> logicalIds(Object resource) {
        Set<String> ids = new LinkedHashSet<>();
        target(resource).ifPresent(ids::add);
        Object sub = map(resource).get("Fn::Sub");
        String text = sub instanceof List<?> l && !l.isEmpty()
                ? String.valueOf(l.get(0))
                : sub == null ? null : String.valueOf(sub);
        if (text != null) {
            Matcher m = SUB_ARN.matcher(text);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
