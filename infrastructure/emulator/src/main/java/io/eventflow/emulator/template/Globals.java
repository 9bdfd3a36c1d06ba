package io.eventflow.emulator.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's Globals merge: scalars of the resource override the global, maps merge (resource keys win,
 * recursively), lists are concatenated global + resource. Globals never carry Events or Policies.
 */
public final class Globals {
    private Globals() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (global != null) {
            global.forEach((k, v) -> {
                if (!k.equals("Events") && !k.equals("Policies")) {
                    merged.put(k, v);
                }
            });
        }
        if (local != null) {
            local.forEach((k, v) -> merged.merge(k, v, Globals::mergeValue));
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object global, Object local) {
        if (isPlainMap(global) && isPlainMap(local)) {
            return merge((Map<String, Object>) global, (Map<String, Object>) local);
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> both = new ArrayList<>(g);
            both.addAll(l);
            return both;
        }
        return local;
    }

    /** An intrinsic ({@code {"Ref": ..}}, {@code {"Fn::Sub": ..}}) is a value, not a map to merge into. */
    private static boolean isPlainMap(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return false;
        }
        return !(m.size() == 1
                && m.keySet().iterator().next() instanceof String k
                && (k.equals("Ref") || k.startsWith("Fn::") || k.equals("Condition")));
    }
}
