package io.eventflow.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline SVG and CSS, no script, nothing fetched) with the headline numbers,
 * latency over the run, the percentile plot, throughput and queue depth over time, and the tables of the JSON report.
 */
final class HtmlReport {
    private static final int W = 860;
    private static final int H = 300;
    private static final int L = 64;
    private static final int R = 20;
    private static final int T = 16;
    private static final int B = 40;
    private static final String[] COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    private HtmlReport() {}

    static String render(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>eventflow load</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;max-width:920px;color:#222}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append(
                        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.big{font-size:18px}.note{color:#666}")
                .append("svg{background:#fafafa;border:1px solid #eee}.legend span{margin-right:14px}")
                .append("</style></head><body>");
        Latencies.Summary e = r.endToEnd().latency();
        h.append("<h1>eventflow load: ").append(esc(r.target().description())).append("</h1>");
        h.append(String.format(
                Locale.ROOT,
                "<p class=\"big\">%d orders sent at %s/s, %d accepted, %d settled%s<br>end to end p50 %s, p95 %s,"
                        + " p99 %s, max %s<br>%s</p>",
                r.counts().sent(),
                num(r.throughput().offered()),
                r.counts().accepted(),
                r.counts().settled(),
                r.counts().unsettled() > 0 ? " (" + r.counts().unsettled() + " not within the drain timeout)" : "",
                ms(e.p50()),
                ms(e.p95()),
                ms(e.p99()),
                ms(e.max()),
                esc(r.knee().verdict())));
        h.append("<p class=\"note\">")
                .append(esc(Report.METHOD))
                .append(" Bend rule: ")
                .append(esc(r.knee().rule()))
                .append(".</p>");
        r.notes().forEach(n -> h.append("<p class=\"note\">").append(esc(n)).append("</p>"));

        h.append("<h2>Latency over the run (by intended send time)</h2>");
        h.append(overTime(r));
        h.append(legend(
                new String[] {"end to end", "HTTP answer", "p99 of each " + bucketUnit(r)},
                new String[] {COLORS[0], "#999", COLORS[1]}));
        h.append("<h2>Percentiles</h2>").append(percentiles(r));
        h.append(legend(new String[] {"end to end", "HTTP answer"}, new String[] {COLORS[0], "#999"}));
        h.append("<h2>Throughput per second</h2>").append(throughput(r));
        h.append(legend(
                new String[] {"offered (intended sends)", "settled (by last event)"},
                new String[] {"#999", COLORS[2]}));
        if (!r.queues().isEmpty()) {
            h.append("<h2>Queue depth (visible messages, sampled)</h2>").append(queues(r));
        }

        h.append(
                "<h2>Numbers</h2><table><tr><th></th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        row(h, "end to end (ms)", e);
        row(h, "HTTP answer (ms)", r.http().latency());
        h.append("</table>");
        Report.Http http = r.http();
        h.append(String.format(
                Locale.ROOT,
                "<p>HTTP: %s, statuses %s, throttled (429/503) %d, time-outs %d, I/O errors %d; throughput accepted"
                        + " %s/s, settled %s/s; the generator was at most %s ms late</p>",
                esc(http.classes().toString()),
                esc(http.statuses().toString()),
                http.throttled(),
                http.timeouts(),
                http.ioErrors(),
                num(r.throughput().accepted()),
                r.throughput().settled() == null ? "-" : num(r.throughput().settled()),
                num(r.throughput().maxGeneratorLagMs())));
        h.append(
                "<h2>Outcomes by path</h2><table><tr><th>path</th><th>sent</th><th>accepted</th><th>ended</th><th>as meant</th></tr>");
        r.outcomes()
                .forEach((p, o) -> h.append(
                        cells(esc(p), o.sent(), o.accepted(), esc(String.valueOf(o.ended())), o.asExpected())));
        h.append("</table>");
        statTable(h, "Hops (between consecutive stored events, ms)", r.hops());
        statTable(h, "Deliveries (stored event to the invoke that got it, ms)", r.deliveries());
        h.append("<h2>")
                .append(r.buckets().size() > 1 && r.plan().rampTo() != null ? "Ramp steps" : "Windows")
                .append(
                        "</h2><table><tr><th></th><th>rate/s</th><th>sent</th><th>e2e p50</th><th>e2e p99</th><th>HTTP p99</th></tr>");
        for (Report.Bucket b : r.buckets()) {
            boolean bent =
                    r.knee().bentAt() != null && r.knee().bentAt().label().equals(b.label());
            String row = cells(
                    esc(b.label()),
                    num(b.rate()),
                    b.sent(),
                    ms(b.endToEnd().p50()),
                    ms(b.endToEnd().p99()),
                    ms(b.http().p99()));
            h.append(bent ? row.replace("<tr>", "<tr style=\"background:#fde\">") : row);
        }
        h.append("</table><p>").append(esc(r.knee().verdict())).append("</p>");
        h.append("<p class=\"note\">")
                .append(r.elapsedMs() / 1000)
                .append(" s in all; the same numbers: report.json</p>");
        return h.append("</body></html>\n").toString();
    }

    private static String bucketUnit(Report r) {
        return r.plan().rampTo() != null ? "step" : "window";
    }

    private static void row(StringBuilder h, String name, Latencies.Summary s) {
        h.append(cells(esc(name), s.count(), ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max())));
    }

    /** One table row of already escaped cells. */
    private static String cells(Object... values) {
        StringBuilder row = new StringBuilder("<tr>");
        for (Object v : values) {
            row.append("<td>").append(v).append("</td>");
        }
        return row.append("</tr>").toString();
    }

    private static void statTable(StringBuilder h, String title, List<Report.Stat> stats) {
        if (stats.isEmpty()) {
            return;
        }
        h.append("<h2>")
                .append(esc(title))
                .append("</h2><table><tr><th></th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        stats.forEach(s -> row(h, s.name(), s.latency()));
        h.append("</table>");
    }

    /** A chart frame: x linear over [x0, x1], y linear or log10 over [y0, y1]. */
    private record Frame(double x0, double x1, double y0, double y1, boolean log) {
        double x(double v) {
            return L + (v - x0) / Math.max(1e-9, x1 - x0) * (W - L - R);
        }

        double y(double v) {
            double f = log
                    ? (Math.log10(Math.max(v, y0)) - Math.log10(y0)) / Math.max(1e-9, Math.log10(y1) - Math.log10(y0))
                    : (v - y0) / Math.max(1e-9, y1 - y0);
            return H - B - Math.max(0, Math.min(1, f)) * (H - T - B);
        }
    }

    private static String overTime(Report r) {
        List<double[]> pts = r.series().orders();
        double x1 = Math.max(1, r.plan().durationSeconds());
        double max = 1;
        double min = Double.MAX_VALUE;
        for (double[] p : pts) {
            max = Math.max(max, Math.max(p[1], p[2]));
            min = Math.min(min, p[1] > 0 ? p[1] : min);
            min = p[2] > 0 ? Math.min(min, p[2]) : min;
        }
        Frame f = new Frame(0, x1, logFloor(min), logCeil(max), true);
        StringBuilder s = svg(f, "intended send time (s)", "ms");
        for (double[] p : pts) {
            s.append(dot(f.x(p[0]), f.y(p[1]), 1.6, "#999"));
        }
        for (double[] p : pts) {
            if (p[2] >= 0) {
                s.append(dot(f.x(p[0]), f.y(Math.max(p[2], f.y0)), 2.2, COLORS[0]));
            }
        }
        double bucket = x1 / Math.max(1, r.buckets().size());
        for (int i = 0; i < r.buckets().size(); i++) {
            Double p99 = r.buckets().get(i).endToEnd().p99();
            if (p99 != null) {
                s.append(line(f.x(i * bucket), f.y(p99), f.x((i + 1) * bucket), f.y(p99), COLORS[1], 2));
            }
        }
        return s.append("</svg>").toString();
    }

    private static String percentiles(Report r) {
        double max = 1;
        double min = Double.MAX_VALUE;
        List<List<Latencies.Point>> series =
                List.of(r.endToEnd().distribution(), r.series().httpDistribution());
        for (List<Latencies.Point> l : series) {
            for (Latencies.Point p : l) {
                max = Math.max(max, p.ms());
                min = p.ms() > 0 ? Math.min(min, p.ms()) : min;
            }
        }
        Frame f = new Frame(0, 4, logFloor(min), logCeil(max), true);
        StringBuilder s = svg(f, null, "ms");
        String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int i = 0; i <= 4; i++) {
            s.append(text(f.x(i), H - B + 16, ticks[i], "middle"));
        }
        String[] colors = {COLORS[0], "#999"};
        for (int k = 0; k < series.size(); k++) {
            StringBuilder poly = new StringBuilder();
            for (Latencies.Point p : series.get(k)) {
                double x = Math.min(4, -Math.log10(Math.max(1e-4, 1 - p.percentile() / 100)));
                poly.append(fmt(f.x(x)))
                        .append(',')
                        .append(fmt(f.y(Math.max(p.ms(), f.y0))))
                        .append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"")
                    .append(colors[k])
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(poly)
                    .append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static String throughput(Report r) {
        int seconds = (int) Math.ceil(Math.max(1, r.elapsedMs() / 1000.0));
        int[] offered = new int[seconds + 1];
        int[] settled = new int[seconds + 1];
        for (double[] p : r.series().orders()) {
            offered[Math.min(seconds, (int) p[0])]++;
            if (p[2] >= 0) {
                settled[Math.min(seconds, (int) (p[0] + p[2] / 1000))]++;
            }
        }
        int last = 0;
        int max = 1;
        for (int i = 0; i <= seconds; i++) {
            if (offered[i] > 0 || settled[i] > 0) {
                last = i;
            }
            max = Math.max(max, Math.max(offered[i], settled[i]));
        }
        Frame f = new Frame(0, last + 1, 0, max * 1.1, false);
        StringBuilder s = svg(f, "s after the start", "orders/s");
        s.append(steps(f, offered, last, "#999")).append(steps(f, settled, last, COLORS[2]));
        return s.append("</svg>").toString();
    }

    private static String queues(Report r) {
        List<Double> t = r.series().sampleSeconds();
        int max = 1;
        for (Report.QueueLag q : r.queues().values()) {
            max = Math.max(max, q.maxVisible());
        }
        Frame f = new Frame(0, t.isEmpty() ? 1 : Math.max(1, t.get(t.size() - 1)), 0, max * 1.1, false);
        StringBuilder s = svg(f, "s after the start", "messages");
        List<String> names = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, Report.QueueLag> q : r.queues().entrySet()) {
            if (q.getValue().maxVisible() == 0) {
                continue;
            }
            String color = COLORS[c++ % COLORS.length];
            StringBuilder poly = new StringBuilder();
            List<int[]> samples = q.getValue().samples();
            for (int i = 0; i < Math.min(samples.size(), t.size()); i++) {
                poly.append(fmt(f.x(t.get(i))))
                        .append(',')
                        .append(fmt(f.y(samples.get(i)[0])))
                        .append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"1.5\" points=\"")
                    .append(poly)
                    .append("\"/>");
            names.add(q.getKey() + " (max " + q.getValue().maxVisible() + ")");
            colors.add(color);
        }
        s.append("</svg>");
        if (names.isEmpty()) {
            return s + "<p>every queue stayed empty at every sample</p>";
        }
        return s + legend(names.toArray(String[]::new), colors.toArray(String[]::new));
    }

    private static StringBuilder svg(Frame f, String xLabel, String yLabel) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" viewBox=\"0 0 ")
                .append(W)
                .append(' ')
                .append(H)
                .append("\" font-size=\"11\">");
        s.append(line(L, H - B, W - R, H - B, "#444", 1)).append(line(L, T, L, H - B, "#444", 1));
        if (f.log()) {
            for (double v = f.y0(); v <= f.y1() * 1.0001; v *= 10) {
                s.append(line(L, f.y(v), W - R, f.y(v), "#e4e4e4", 1)).append(text(L - 6, f.y(v) + 4, num(v), "end"));
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                double v = f.y0() + (f.y1() - f.y0()) * i / 4;
                s.append(line(L, f.y(v), W - R, f.y(v), "#e4e4e4", 1)).append(text(L - 6, f.y(v) + 4, num(v), "end"));
            }
        }
        if (xLabel != null) {
            for (int i = 0; i <= 5; i++) {
                double v = f.x0() + (f.x1() - f.x0()) * i / 5;
                s.append(text(f.x(v), H - B + 16, num(v), "middle"));
            }
            s.append(text((L + W - R) / 2.0, H - 6, xLabel, "middle"));
        }
        s.append("<text x=\"14\" y=\"")
                .append(H / 2)
                .append("\" transform=\"rotate(-90 14 ")
                .append(H / 2)
                .append(")\" text-anchor=\"middle\">")
                .append(esc(yLabel))
                .append("</text>");
        return s;
    }

    private static String steps(Frame f, int[] values, int last, String color) {
        StringBuilder poly = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            poly.append(fmt(f.x(i))).append(',').append(fmt(f.y(values[i]))).append(' ');
            poly.append(fmt(f.x(i + 1))).append(',').append(fmt(f.y(values[i]))).append(' ');
        }
        return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\" points=\"" + poly + "\"/>";
    }

    private static String legend(String[] names, String[] colors) {
        StringBuilder s = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < names.length; i++) {
            s.append("<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(colors[i])
                    .append("\"/></svg> ")
                    .append(esc(names[i]))
                    .append("</span>");
        }
        return s.append("</div>").toString();
    }

    private static String dot(double x, double y, double radius, String color) {
        return "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) + "\" r=\"" + radius + "\" fill=\"" + color
                + "\" fill-opacity=\"0.6\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2, String color, double width) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + color + "\" stroke-width=\"" + width + "\"/>";
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>";
    }

    private static double logFloor(double v) {
        return v == Double.MAX_VALUE || v <= 0 ? 1 : Math.pow(10, Math.floor(Math.log10(v)));
    }

    private static double logCeil(double v) {
        return Math.pow(10, Math.ceil(Math.log10(Math.max(v, 1.0001))));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String ms(Double v) {
        return v == null ? "-" : num(v) + " ms";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
