package io.eventflow.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The emulator requests of the run's main phase (placing the orders until quiescence, the replay phase excluded):
 * how many per order, and where they went, by API and caller. The proxy's count is the total the emulator saw
 * (SDK retries and the runtime's idle polling included); the census splits it by who asked.
 */
record RequestHistogram(long total, int orders, long phaseMs, Map<String, Long> byApiAndCaller) {

    static RequestHistogram between(
            Map<String, Long> before, Map<String, Long> after, long proxyTotal, int orders, long phaseMs) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                delta.put(k, d);
            }
        });
        return new RequestHistogram(proxyTotal, orders, phaseMs, delta);
    }

    double perOrder() {
        return orders == 0 ? 0 : (double) total / orders;
    }

    private List<Map.Entry<String, Long>> sorted() {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(byApiAndCaller.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return rows;
    }

    private Map<String, Long> by(int part) {
        Map<String, Long> m = new TreeMap<>();
        byApiAndCaller.forEach((k, v) -> m.merge(k.split(" ", 2)[part], v, Long::sum));
        return m;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("perOrder", Math.round(perOrder() * 10) / 10.0);
        m.put("perSecond", phaseMs == 0 ? 0 : Math.round(total * 1000.0 / phaseMs));
        m.put("byApi", sortedMap(by(0)));
        m.put("byCaller", sortedMap(by(1)));
        Map<String, Long> hist = new LinkedHashMap<>();
        sorted().forEach(e -> hist.put(e.getKey(), e.getValue()));
        m.put("byApiAndCaller", hist);
        return m;
    }

    private static Map<String, Long> sortedMap(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    void print(PrintStream out) {
        out.printf(
                "chaos: %,d emulator requests for %d orders = %.1f per order (%,d/s over %.1f s); by API and caller:%n",
                total, orders, perOrder(), phaseMs == 0 ? 0 : total * 1000 / phaseMs, phaseMs / 1000.0);
        for (Map.Entry<String, Long> e : sorted()) {
            out.printf(
                    "chaos:   %7d  %5.1f/order  %s%n",
                    e.getValue(), (double) e.getValue() / Math.max(1, orders), e.getKey());
        }
    }
}
