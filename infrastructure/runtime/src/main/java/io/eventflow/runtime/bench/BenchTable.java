package io.eventflow.runtime.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The bench's one table: a row per function (P1, P2, P3), then a row per goal with met / NOT met (P5 included). */
final class BenchTable {
    private static final String ROW = "%-20s %8s %8s %9s %9s %13s %12s %9s %9s %12s %8s %11s%n";

    private BenchTable() {}

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> report, PrintStream out) {
        out.printf(
                ROW,
                "function",
                "cold p50",
                "init p50",
                "1st inv",
                "warm p50",
                "P1 cold/hello",
                "P2 1st/warm",
                "artifact",
                "loaded",
                "P3 art/load",
                "CDS cold",
                "P1 with CDS");
        for (Map<String, Object> r : (List<Map<String, Object>>) report.get("functions")) {
            boolean hello = "Hello".equals(r.get("function"));
            Map<String, Object> p3 = (Map<String, Object>) r.get("p3");
            Map<String, Object> cds = (Map<String, Object>) r.get("appCds");
            double p1 = (Double) r.get("p1ColdVsHello");
            double p2 = (Double) r.get("p2FirstVsWarm");
            out.printf(
                    ROW,
                    r.get("function") + (Boolean.TRUE.equals(r.get("ok")) ? "" : " (error)"),
                    ms(r.get("coldP50Ms")),
                    ms(r.get("initP50Ms")),
                    ms(r.get("firstInvokeP50Ms")),
                    String.format("%.2f ms", (Double) r.get("warmP50Ms")),
                    hello ? "1.00x (floor)" : ratio(p1, ColdStartBench.P1_GOAL),
                    ratio(p2, ColdStartBench.P2_GOAL),
                    p3 == null ? "" : mb(p3.get("artifactBytes")),
                    p3 == null ? "" : mb(p3.get("loadedBytes")),
                    p3 == null ? "" : ratio((Double) p3.get("ratio"), ColdStartBench.P3_GOAL),
                    cds != null && cds.containsKey("coldP50Ms") ? ms(cds.get("coldP50Ms")) : "-",
                    cds != null && cds.containsKey("p1ColdVsHello")
                            ? ratio((Double) cds.get("p1ColdVsHello"), ColdStartBench.P1_GOAL)
                            : "-");
        }
        Map<String, Map<String, Object>> goals = (Map<String, Map<String, Object>>) report.get("goals");
        out.println("-".repeat(142));
        for (String id : List.of("P1", "P1-AppCDS", "P2", "P3")) {
            Map<String, Object> g = goals.get(id);
            if (g == null) {
                continue;
            }
            out.printf(
                    "%-9s %-40s goal <= %.1fx  worst %.2fx  %d of %d functions  %s%n",
                    id,
                    g.get("what"),
                    (Double) g.get("goal"),
                    (Double) g.get("worst"),
                    (Long) g.get("functionsMeeting"),
                    (Integer) g.get("functions"),
                    met(g.get("met")));
        }
        Map<String, Object> g5 = goals.get("P5");
        Map<String, Object> p5 = (Map<String, Object>) report.get("p5");
        long rtt = (Long) report.get("emulatorSqsRoundTripsPerSecond");
        if (p5 == null || p5.containsKey("error")) {
            out.printf(
                    "%-9s %-40s goal <= %.0f  not measured%s; emulator SQS round trips %d/s%n",
                    "P5",
                    g5.get("what"),
                    (Double) g5.get("goal"),
                    p5 == null ? " (--orders 0)" : ": " + p5.get("error"),
                    rtt);
        } else {
            out.printf(
                    "%-9s %-40s goal <= %.0f  %.1f per order (%d orders, %s)  %s%n",
                    "P5",
                    g5.get("what"),
                    (Double) g5.get("goal"),
                    (Double) p5.get("perOrder"),
                    (Integer) p5.get("orders"),
                    p5.get("invariants"),
                    met(g5.get("met")));
            out.printf(
                    "   engine: %d SQS round trips/s (send+receive+delete, mean of %s before/after the chaos run) = %d requests/s;"
                            + " %.1f requests per order = %.3f s of serial engine time per order; the chaos run's engine served %d requests/s%n",
                    rtt,
                    report.get("emulatorSqsRoundTripsBeforeAfterChaos"),
                    3 * rtt,
                    (Double) p5.get("perOrder"),
                    (Double) g5.get("engineSecondsPerOrder"),
                    ((Number) p5.get("requestsPerSecond")).longValue());
        }
    }

    private static String met(Object met) {
        return Boolean.TRUE.equals(met) ? "met" : met == null ? "not measured" : "NOT met";
    }

    private static String ms(Object v) {
        return String.format("%.0f ms", ((Number) v).doubleValue());
    }

    private static String mb(Object bytes) {
        return String.format("%.1f MB", ((Number) bytes).doubleValue() / (1024 * 1024));
    }

    /** "3.73x NO" when over the goal, "1.05x ok" within it. */
    private static String ratio(double v, double goal) {
        return String.format("%.2fx %s", v, v <= goal ? "ok" : "NO");
    }
}
