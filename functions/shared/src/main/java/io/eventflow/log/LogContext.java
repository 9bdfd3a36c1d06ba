package io.eventflow.log;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-thread fields added to every log line: the ids of the event being handled. */
public final class LogContext {
    private static final ThreadLocal<Map<String, Object>> FIELDS = ThreadLocal.withInitial(LinkedHashMap::new);

    private LogContext() {}

    public static void set(String correlationId, String eventId, String eventType) {
        Map<String, Object> f = FIELDS.get();
        f.clear();
        putIfPresent(f, "correlationId", correlationId);
        putIfPresent(f, "eventId", eventId);
        putIfPresent(f, "eventType", eventType);
    }

    public static void clear() {
        FIELDS.get().clear();
    }

    static Map<String, Object> current() {
        return FIELDS.get();
    }

    private static void putIfPresent(Map<String, Object> f, String k, String v) {
        if (v != null) {
            f.put(k, v);
        }
    }
}
