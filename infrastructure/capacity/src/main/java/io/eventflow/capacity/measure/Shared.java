package io.eventflow.capacity.measure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The counters and the table shapes, kept in JDK types under JVM-wide keys (system properties hold objects), so
 * that every copy of {@link CallCounter} shares them: the runtime's own, and one per function when each function
 * runs in a class loader of its own (Lambda's one-environment-per-function model).
 */
final class Shared {
    private Shared() {}

    @SuppressWarnings("unchecked")
    static <T> T get(String key, java.util.function.Supplier<T> initial) {
        Map<Object, Object> props = System.getProperties();
        synchronized (props) {
            Object v = props.get(key);
            if (v == null) {
                v = initial.get();
                props.put(key, v);
            }
            return (T) v;
        }
    }

    /** caller -> metric -> amount */
    static ConcurrentHashMap<String, ConcurrentHashMap<String, DoubleAdder>> counts() {
        return get("eventflow.capacity.counts", ConcurrentHashMap::new);
    }

    /** table or table/index -> partition key value -> write units */
    static ConcurrentHashMap<String, ConcurrentHashMap<String, DoubleAdder>> keys() {
        return get("eventflow.capacity.keys", ConcurrentHashMap::new);
    }

    /** table|key -> last known item size */
    static ConcurrentHashMap<String, Integer> shadow() {
        return get("eventflow.capacity.shadow", ConcurrentHashMap::new);
    }

    /**
     * Physical table name -> "logicalId" -> [id], "keys" -> key attributes (partition key first), "index.NAME" -> the
     * index's key attributes. Empty = counting is off.
     */
    static ConcurrentHashMap<String, Map<String, List<String>>> tables() {
        return get("eventflow.capacity.tables", ConcurrentHashMap::new);
    }
}
