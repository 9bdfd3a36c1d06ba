package io.eventflow.capacity.model;

import java.util.List;
import java.util.Map;

/** What the model computed for one rate and mix. */
public record Report(
        double ordersPerSecond,
        Map<String, Double> mix,
        List<Component> components,
        Component firstToSaturate,
        Component firstHardLimit,
        List<FunctionNeed> functions,
        List<Setting> settings,
        List<CostLine> costs,
        double scaleUpSeconds) {
    /**
     * One thing that can saturate.
     *
     * @param kind quota (AWS raises it on request), hard (not adjustable), setting (template.yaml), workload (depends on traffic shape)
     */
    public record Component(
            String name, double load, double limit, String unit, String kind, String limitId, double saturatesAt) {
        /** A component whose load grows in proportion to the rate. */
        public static Component linear(
                double rate, String name, double load, double limit, String unit, String kind, String limitId) {
            return new Component(
                    name, load, limit, unit, kind, limitId, load <= 0 ? Double.POSITIVE_INFINITY : rate * limit / load);
        }

        public double headroom() {
            return load <= 0 ? Double.POSITIVE_INFINITY : limit / load;
        }
    }

    /** @param concurrency Little's law: records per second x seconds per record */
    public record FunctionNeed(
            String function,
            String trigger,
            double recordsPerSecond,
            double msPerRecord,
            int memoryMb,
            double concurrency) {}

    /** A template setting: today's value and what the rate needs (ok = today's value suffices). */
    public record Setting(String function, String setting, String today, String needed, boolean ok) {}

    public record CostLine(
            String service, String item, double quantityPerOrder, String unit, double usdPerMillionOrders) {}

    public double totalUsdPerMillionOrders() {
        return costs.stream().mapToDouble(CostLine::usdPerMillionOrders).sum();
    }
}
