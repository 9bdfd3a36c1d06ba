package io.eventflow.capacity.model;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.stream.Collectors;

/** The report as plain-text tables (also pasted into docs/SCALING.md). */
public final class ReportPrinter {
    private ReportPrinter() {}

    public static void print(Report r, Inputs inputs, Prices prices, PrintStream out) {
        out.printf(
                "eventflow capacity at %s orders/s, mix %s%n",
                CapacityModel.fmt(r.ordersPerSecond()),
                r.mix().entrySet().stream()
                        .map(e -> e.getKey() + "=" + String.format("%.2f", e.getValue()))
                        .collect(Collectors.joining(",")));
        out.printf(
                "inputs: docs/capacity/inputs.json, measured %s at %s (%s)%n%n",
                inputs.measured().date(),
                inputs.measured().commit(),
                inputs.measured().command());
        out.println("Components (load at this rate, limit, headroom = limit / load, rate where it saturates):");
        out.printf(
                "| %-86s | %12s | %12s | %-12s | %9s | %14s | %-8s |%n",
                "component", "load", "limit", "unit", "headroom", "saturates at", "kind");
        out.printf(
                "|%s|%s|%s|%s|%s|%s|%s|%n",
                "-".repeat(88),
                "-".repeat(14),
                "-".repeat(14),
                "-".repeat(14),
                "-".repeat(11),
                "-".repeat(16),
                "-".repeat(10));
        r.components().stream()
                .sorted(Comparator.comparingDouble(Report.Component::saturatesAt))
                .forEach(c -> out.printf(
                        "| %-86s | %12s | %12s | %-12s | %9s | %14s | %-8s |%n",
                        c.name(),
                        CapacityModel.fmt(c.load()),
                        CapacityModel.fmt(c.limit()),
                        c.unit(),
                        headroom(c.headroom()),
                        rate(c.saturatesAt()),
                        c.kind()));
        out.println();
        if (r.firstToSaturate() != null) {
            out.printf(
                    "First to saturate: %s at %s orders/s (%s)%n",
                    r.firstToSaturate().name(),
                    rate(r.firstToSaturate().saturatesAt()),
                    r.firstToSaturate().kind());
        }
        if (r.firstHardLimit() != null) {
            out.printf(
                    "First limit that no quota request or setting lifts: %s at %s orders/s%n",
                    r.firstHardLimit().name(), rate(r.firstHardLimit().saturatesAt()));
        }
        out.printf(
                "Lambda scales each function by 1,000 environments per 10 s: ~%s s from cold to this rate%n%n",
                CapacityModel.fmt(r.scaleUpSeconds()));
        out.println("Concurrency per function (Little's law: records/s x measured warm ms per record):");
        out.printf(
                "| %-22s | %-8s | %10s | %10s | %7s | %11s |%n",
                "function", "trigger", "records/s", "ms/record", "MB", "concurrency");
        out.printf(
                "|%s|%s|%s|%s|%s|%s|%n",
                "-".repeat(24), "-".repeat(10), "-".repeat(12), "-".repeat(12), "-".repeat(9), "-".repeat(13));
        r.functions()
                .forEach(f -> out.printf(
                        "| %-22s | %-8s | %10s | %10s | %7d | %11s |%n",
                        f.function(),
                        f.trigger(),
                        CapacityModel.fmt(f.recordsPerSecond()),
                        CapacityModel.fmt(f.msPerRecord()),
                        f.memoryMb(),
                        CapacityModel.fmt(f.concurrency())));
        out.println();
        out.println("Template settings this rate needs (template.yaml today):");
        out.printf("| %-22s | %-36s | %-20s | %-66s | %-4s |%n", "function", "setting", "today", "needed", "ok");
        out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(24), "-".repeat(38), "-".repeat(22), "-".repeat(68), "-".repeat(6));
        r.settings()
                .forEach(s -> out.printf(
                        "| %-22s | %-36s | %-20s | %-66s | %-4s |%n",
                        s.function(), s.setting(), s.today(), s.needed(), s.ok() ? "yes" : "NO"));
        out.println();
        out.printf(
                "Cost per million orders (%s, prices read %s, list: docs/capacity/prices-%s.json; free tiers not deducted):%n",
                prices.region(), prices.read(), prices.region());
        out.printf("| %-16s | %-48s | %12s | %-12s | %12s |%n", "service", "item", "per order", "unit", "USD / 1M");
        out.printf(
                "|%s|%s|%s|%s|%s|%n", "-".repeat(18), "-".repeat(50), "-".repeat(14), "-".repeat(14), "-".repeat(14));
        r.costs()
                .forEach(c -> out.printf(
                        "| %-16s | %-48s | %12s | %-12s | %12s |%n",
                        c.service(),
                        c.item(),
                        qty(c.quantityPerOrder()),
                        c.unit(),
                        String.format("%,.2f", c.usdPerMillionOrders())));
        out.printf(
                "| %-16s | %-48s | %12s | %-12s | %12s |%n",
                "total", "", "", "", String.format("%,.2f", r.totalUsdPerMillionOrders()));
    }

    private static String headroom(double h) {
        return Double.isInfinite(h) ? "-" : String.format("%.2fx", h);
    }

    private static String rate(double r) {
        return Double.isInfinite(r) ? "never" : CapacityModel.fmt(r);
    }

    private static String qty(double q) {
        return q >= 0.01 ? String.format("%.3f", q) : String.format("%.3g", q);
    }
}
