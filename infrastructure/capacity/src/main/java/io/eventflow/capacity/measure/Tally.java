package io.eventflow.capacity.measure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * JVM-wide counters: (caller, metric) -> amount, and hot-key load: (table/index, partition key value) -> write units.
 * Snapshots are subtracted to get what one order cost.
 */
public final class Tally {
    public static final Tally GLOBAL = new Tally();

    private Tally() {}

    public void add(String caller, String metric, double amount) {
        Shared.counts()
                .computeIfAbsent(caller, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, k -> new DoubleAdder())
                .add(amount);
    }

    public void addKey(String partition, String keyValue, double writeUnits) {
        Shared.keys()
                .computeIfAbsent(partition, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(keyValue, k -> new DoubleAdder())
                .add(writeUnits);
    }

    public Snapshot snapshot() {
        return new Snapshot(copy(Shared.counts()), copy(Shared.keys()));
    }

    private static Map<String, Map<String, Double>> copy(Map<String, ConcurrentHashMap<String, DoubleAdder>> m) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            Map<String, Double> inner = new TreeMap<>();
            v.forEach((kk, a) -> inner.put(kk, a.sum()));
            out.put(k, inner);
        });
        return out;
    }

    /** @param counts caller -> metric -> amount; @param keys table/index -> key value -> write units */
    public record Snapshot(Map<String, Map<String, Double>> counts, Map<String, Map<String, Double>> keys) {
        /** this - earlier, dropping zeros. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(diff(counts, earlier.counts), diff(keys, earlier.keys));
        }

        private static Map<String, Map<String, Double>> diff(
                Map<String, Map<String, Double>> now, Map<String, Map<String, Double>> before) {
            Map<String, Map<String, Double>> out = new TreeMap<>();
            now.forEach((k, v) -> {
                Map<String, Double> b = before.getOrDefault(k, Map.of());
                Map<String, Double> inner = new TreeMap<>();
                v.forEach((kk, x) -> {
                    double d = x - b.getOrDefault(kk, 0.0);
                    if (Math.abs(d) > 1e-9) {
                        inner.put(kk, d);
                    }
                });
                if (!inner.isEmpty()) {
                    out.put(k, inner);
                }
            });
            return out;
        }
    }
}
