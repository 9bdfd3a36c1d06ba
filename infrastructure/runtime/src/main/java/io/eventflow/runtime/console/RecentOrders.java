package io.eventflow.runtime.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The orders this `up` has seen, newest first, at most {@value #KEEP} (older ones are still in the store). */
final class RecentOrders {
    static final int KEEP = 500;

    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > KEEP;
        }
    };

    synchronized void seen(String orderId, Instant at) {
        Instant first = seen.get(orderId);
        seen.put(orderId, first == null ? at : first);
    }

    /** The {@code max} most recently active orders, newest first, with when they were first seen. */
    synchronized List<Map.Entry<String, Instant>> newest(int max) {
        List<Map.Entry<String, Instant>> all = new ArrayList<>(seen.entrySet());
        List<Map.Entry<String, Instant>> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(Map.entry(all.get(i).getKey(), all.get(i).getValue()));
        }
        return out;
    }
}
