package io.eventflow.capacity.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The capacity and cost model: measured per-order counts (Inputs) x a rate and a mix of order paths, against the
 * limits (Limits) and the template's settings (TemplateSettings), priced with a dated list (Prices). Every
 * component scales linearly with the rate; concurrency follows Little's law (arrival rate x time in service).
 */
public final class CapacityModel {
    public static final Map<String, Double> DEFAULT_MIX = defaultMix();

    private static Map<String, Double> defaultMix() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("shipped", 0.8);
        m.put("stock", 0.1);
        m.put("payment", 0.1);
        return java.util.Collections.unmodifiableMap(m);
    }
    /** The event store: its base-table partitions are its stream's shards. */
    static final String EVENT_STORE = "EventStoreTable";

    private final Inputs inputs;
    private final Limits limits;
    private final Prices prices;
    private final TemplateSettings template;

    private final double durationScale;

    public CapacityModel(Inputs inputs, Limits limits, Prices prices, TemplateSettings template) {
        this(inputs, limits, prices, template, 1.0);
    }

    /** @param durationScale multiplies every measured duration: a what-if for faster (or slower) calls than the emulator's */
    public CapacityModel(Inputs inputs, Limits limits, Prices prices, TemplateSettings template, double durationScale) {
        if (!(durationScale > 0)) {
            throw new IllegalArgumentException("--duration-scale must be > 0");
        }
        this.inputs = inputs;
        this.limits = limits;
        this.prices = prices;
        this.template = template;
        this.durationScale = durationScale;
    }

    public double durationScale() {
        return durationScale;
    }

    /** "shipped=0.8,stock=0.1,payment=0.1" -> shares that sum to 1 (names must be measured paths). */
    public static Map<String, Double> parseMix(String text, Iterable<String> known) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "--mix takes path=share pairs, e.g. shipped=0.8,stock=0.1,payment=0.1; got '" + part + "'");
            }
            double share = Double.parseDouble(kv[1].trim());
            if (share < 0) {
                throw new IllegalArgumentException("--mix share of " + kv[0] + " is negative");
            }
            mix.put(kv[0].trim(), share);
        }
        List<String> names = new ArrayList<>();
        known.forEach(names::add);
        for (String p : mix.keySet()) {
            if (!names.contains(p)) {
                throw new IllegalArgumentException(
                        "--mix names unknown path '" + p + "' (measured: " + String.join(", ", names) + ")");
            }
        }
        double sum = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum <= 0) {
            throw new IllegalArgumentException("--mix shares sum to 0");
        }
        mix.replaceAll((k, v) -> v / sum);
        return mix;
    }

    /** Expected amount per order of every (caller, metric) matching the filter. */
    double perOrder(Map<String, Double> mix, Predicate<String> caller, Predicate<String> metric) {
        double total = 0;
        for (var path : mix.entrySet()) {
            Inputs.PathInputs p = inputs.paths().get(path.getKey());
            for (var c : p.calls().entrySet()) {
                if (caller.test(c.getKey())) {
                    for (var m : c.getValue().entrySet()) {
                        if (metric.test(m.getKey())) {
                            total += path.getValue() * m.getValue();
                        }
                    }
                }
            }
        }
        return total;
    }

    double perOrder(Map<String, Double> mix, String metric) {
        return perOrder(mix, c -> true, metric::equals);
    }

    /** Per function, expected per order: invocations, records, total ms; memory from the template. */
    Map<String, double[]> functionLoad(Map<String, Double> mix) {
        Map<String, double[]> fns = new TreeMap<>();
        mix.forEach((path, share) -> inputs.paths().get(path).functions().forEach((fn, run) -> {
            double[] a = fns.computeIfAbsent(fn, k -> new double[3]);
            a[0] += share * run.invocations();
            a[1] += share * run.records();
            a[2] += share * run.records() * run.msPerRecord() * durationScale;
        }));
        return fns;
    }

    public Report evaluate(double rate, Map<String, Double> mix) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--orders-per-second must be > 0");
        }
        List<Report.Component> comps = new ArrayList<>();
        List<Report.FunctionNeed> needs = new ArrayList<>();
        List<Report.Setting> settings = new ArrayList<>();
        Map<String, double[]> fns = functionLoad(mix);

        // DynamoDB: partitions of the event store = shards of its stream (a partition serves at most 1,000 WRU/s)
        double partitionWru = limits.get("dynamodb.partition.wru").value();
        double storeWruPerOrder = perOrder(mix, EVENT_STORE_WRU);

        double accountConcurrency = 0;
        double slowestScaleUp = 0;
        for (var e : fns.entrySet()) {
            String fn = e.getKey();
            double[] load = e.getValue();
            TemplateSettings.Function f = template.functions().get(fn);
            int memory = f == null ? 0 : f.memoryMb();
            double msPerRecord = load[1] == 0 ? 0 : load[2] / load[1];
            double concurrency = rate * load[2] / 1000.0;
            accountConcurrency += concurrency;
            String trigger = f == null ? "?" : f.trigger();
            needs.add(new Report.FunctionNeed(fn, trigger, rate * load[1], msPerRecord, memory, concurrency));
            slowestScaleUp = Math.max(
                    slowestScaleUp,
                    Math.ceil(concurrency / limits.get("lambda.scaling.rate").value()) * 10);
            if (f == null) {
                continue;
            }
            if (trigger.equals("DynamoDB")) {
                // The busiest shard carries one partition's writes: all orders while one partition holds them, at most
                // 1,000 WRU/s worth of orders once the table has split. Its batches run in order, PF at a time.
                double seconds = load[2] / 1000.0;
                double fullShardOrders = storeWruPerOrder <= 0 ? rate : partitionWru / storeWruPerOrder;
                double busiest = Math.min(rate, fullShardOrders) * seconds;
                for (boolean today : new boolean[] {true, false}) {
                    double pf = today
                            ? f.parallelizationFactor()
                            : limits.get("lambda.stream.parallelization").value();
                    double saturates = fullShardOrders * seconds <= pf ? Double.POSITIVE_INFINITY : pf / seconds;
                    comps.add(new Report.Component(
                            fn + ": batches on the busiest stream shard (ParallelizationFactor "
                                    + (today ? f.parallelizationFactor() + ")" : "max)"),
                            busiest,
                            pf,
                            "concurrent",
                            today ? "setting" : "hard",
                            "lambda.stream.parallelization",
                            saturates));
                }
                int needed = (int) Math.max(1, Math.ceil(busiest));
                boolean reachable =
                        needed <= limits.get("lambda.stream.parallelization").value();
                settings.add(new Report.Setting(
                        fn,
                        "ParallelizationFactor",
                        Integer.toString(f.parallelizationFactor()),
                        reachable
                                ? needed + (needed > 1 ? " (keeps order per item only, not per stream)" : "")
                                : "> 10: cut ms per order to " + fmt(10_000.0 / Math.min(rate, fullShardOrders))
                                        + " (today " + fmt(load[2]) + ")",
                        needed <= f.parallelizationFactor()));
            } else if (trigger.equals("SQS")) {
                double cap = f.maximumConcurrency() == null
                        ? limits.get("lambda.sqs.esm.concurrency").value()
                        : f.maximumConcurrency();
                comps.add(Report.Component.linear(
                        rate,
                        fn + ": SQS event source concurrency",
                        concurrency,
                        cap,
                        "concurrent",
                        f.maximumConcurrency() == null ? "hard" : "setting",
                        "lambda.sqs.esm.concurrency"));
                int needed = (int) Math.max(2, Math.ceil(concurrency));
                settings.add(new Report.Setting(
                        fn,
                        "ScalingConfig.MaximumConcurrency",
                        f.maximumConcurrency() == null
                                ? "unset (up to 1,000)"
                                : Integer.toString(f.maximumConcurrency()),
                        needed > 1000
                                ? "> 1,000: not reachable with one mapping"
                                : ">= " + needed + " (a cap also keeps it from starving the others)",
                        f.maximumConcurrency() == null ? needed <= 1000 : f.maximumConcurrency() >= needed));
            }
            if (f.reservedConcurrency() != null) {
                comps.add(Report.Component.linear(
                        rate,
                        fn + ": reserved concurrency",
                        concurrency,
                        f.reservedConcurrency(),
                        "concurrent",
                        "setting",
                        "lambda.account.concurrency"));
            }
        }
        // Not rate-dependent, but it bounds the design: a third consumer of the event store's stream would be
        // throttled.
        long streamReaders = template.functions().values().stream()
                .filter(f -> f.trigger().equals("DynamoDB"))
                .count();
        comps.add(new Report.Component(
                "DynamoDB Streams: Lambda mappings reading each shard",
                streamReaders,
                limits.get("dynamodb.streams.readers").value(),
                "readers",
                "hard",
                "dynamodb.streams.readers",
                streamReaders > limits.get("dynamodb.streams.readers").value() ? 0 : Double.POSITIVE_INFINITY));
        comps.add(quota(
                rate,
                "Lambda: account concurrency (all functions)",
                accountConcurrency,
                "concurrent",
                "lambda.account.concurrency"));
        int accountNeeded = (int) Math.ceil(accountConcurrency);
        settings.add(new Report.Setting(
                "(account)",
                "Lambda concurrent executions quota",
                fmt(limits.get("lambda.account.concurrency").value()),
                ">= " + fmt(accountNeeded),
                accountNeeded <= limits.get("lambda.account.concurrency").value()));
        template.functions().values().stream()
                .filter(f -> f.trigger().equals("HttpApi"))
                .forEach(f -> {
                    double c = needs.stream()
                            .filter(n -> n.function().equals(f.logicalId()))
                            .mapToDouble(Report.FunctionNeed::concurrency)
                            .sum();
                    int needed = (int) Math.max(1, Math.ceil(c * 1.5));
                    settings.add(new Report.Setting(
                            f.logicalId(),
                            "ReservedConcurrentExecutions",
                            f.reservedConcurrency() == null ? "unset" : Integer.toString(f.reservedConcurrency()),
                            ">= " + needed + " (keeps the API's share when consumers scale)",
                            f.reservedConcurrency() != null && f.reservedConcurrency() >= needed));
                });

        dynamo(rate, mix, comps, partitionWru);
        messaging(rate, mix, comps);

        Report.Component first = comps.stream()
                .filter(c -> !c.kind().equals("workload"))
                .min(Comparator.comparingDouble(Report.Component::saturatesAt))
                .orElse(null);
        Report.Component firstHard = comps.stream()
                .filter(c -> c.kind().equals("hard"))
                .min(Comparator.comparingDouble(Report.Component::saturatesAt))
                .orElse(null);
        return new Report(rate, mix, comps, first, firstHard, needs, settings, costs(mix, fns), slowestScaleUp);
    }

    /** CloudWatch Logs counts each log event as its UTF-8 message plus 26 bytes (PutLogEvents batch-size rule). */
    static final int LOG_EVENT_OVERHEAD_BYTES = 26;
    /** X-Ray's default sampling rule: the first request each second and 5% of any additional requests. */
    static final double XRAY_DEFAULT_SAMPLING = 0.05;

    private static final String EVENT_STORE_WRU = "dynamodb." + EVENT_STORE + ".wru";

    private void dynamo(double rate, Map<String, Double> mix, List<Report.Component> comps, double partitionWru) {
        // table (and index) throughput against the per-table on-demand quota
        for (String t : inputs.dynamoTables()) {
            double wru = rate * perOrder(mix, "dynamodb." + t + ".wru");
            double rru = rate * perOrder(mix, "dynamodb." + t + ".rru");
            if (wru > 0) {
                comps.add(quota(rate, "DynamoDB " + t + ": write units", wru, "WRU/s", "dynamodb.table.wru"));
            }
            if (rru > 0) {
                comps.add(quota(rate, "DynamoDB " + t + ": read units", rru, "RRU/s", "dynamodb.table.rru"));
            }
        }
        // keys every order writes: one partition takes them all
        Map<String, Double> shared = new TreeMap<>();
        mix.forEach((path, share) -> inputs.paths()
                .get(path)
                .partitions()
                .forEach((table, parts) -> parts.sharedKeys()
                        .forEach((key, wru) -> shared.merge(table + "\t" + key, share * wru, Double::sum))));
        shared.forEach((tk, wru) -> {
            String[] p = tk.split("\t");
            boolean index = p[0].contains("/");
            comps.add(Report.Component.linear(
                    rate,
                    "DynamoDB " + p[0] + " partition '" + p[1] + "'" + (index ? "" : " (every order on this key)"),
                    rate * wru,
                    partitionWru,
                    "WRU/s",
                    index ? "hard" : "workload",
                    "dynamodb.partition.wru"));
        });
    }

    private void messaging(double rate, Map<String, Double> mix, List<Report.Component> comps) {
        double putEvents = perOrder(mix, "eventbridge.PutEvents.requests");
        comps.add(
                quota(rate, "EventBridge PutEvents requests", rate * putEvents, "req/s", "eventbridge.putevents.tps"));
        double ruleDeliveries = perOrder(
                mix, c -> c.startsWith("ESM:") && fedBy(c.substring(4), "eventbridge"), "sqs.messagesReceived"::equals);
        comps.add(quota(
                rate,
                "EventBridge rule target invocations",
                rate * ruleDeliveries,
                "deliveries/s",
                "eventbridge.invocations.tps"));
        comps.add(quota(
                rate, "SNS Publish (topic)", rate * perOrder(mix, "sns.Publish.requests"), "msg/s", "sns.publish.tps"));
        comps.add(quota(
                rate,
                "SMS message parts (US short code)",
                rate * perOrder(mix, "sns.smsMessages"),
                "msg/s",
                "sns.sms.mps"));
        comps.add(quota(rate, "SES sending rate", rate * perOrder(mix, "ses.emails"), "emails/s", "ses.sending.rate"));
        // one POST /orders per order
        comps.add(quota(rate, "API Gateway HTTP API requests", rate, "req/s", "apigateway.http.rps"));
    }

    /** A component against an AWS quota: its limit is {@code limitId}'s in the limits file. */
    private Report.Component quota(double rate, String name, double load, String unit, String limitId) {
        return Report.Component.linear(rate, name, load, limits.get(limitId).value(), unit, "quota", limitId);
    }

    private boolean fedBy(String function, String source) {
        TemplateSettings.Function f = template.functions().get(function);
        return f != null && source.equals(f.fedBy());
    }

    List<Report.CostLine> costs(Map<String, Double> mix, Map<String, double[]> fns) {
        List<Report.CostLine> lines = new ArrayList<>();
        double invocations = fns.values().stream().mapToDouble(a -> a[0]).sum();
        double gbSeconds = 0;
        for (var e : fns.entrySet()) {
            TemplateSettings.Function f = template.functions().get(e.getKey());
            gbSeconds += e.getValue()[2] / 1000.0 * (f == null ? 0 : f.memoryMb()) / 1024.0;
        }
        add(lines, "Lambda", "requests", invocations, "invocations", "lambda.requests");
        add(lines, "Lambda", "duration (arm64)", gbSeconds, "GB-s", "lambda.gbsecond.arm64");
        add(
                lines,
                "DynamoDB",
                "write request units",
                perOrder(mix, c -> true, m -> m.startsWith("dynamodb.") && m.endsWith(".wru")),
                "WRU",
                "dynamodb.wru");
        add(
                lines,
                "DynamoDB",
                "read request units",
                perOrder(mix, c -> true, m -> m.startsWith("dynamodb.") && m.endsWith(".rru")),
                "RRU",
                "dynamodb.rru");
        add(
                lines,
                "EventBridge",
                "custom events (64 KB chunks)",
                perOrder(mix, "eventbridge.billedEvents"),
                "events",
                "eventbridge.event");
        double deliveries = perOrder(mix, c -> c.startsWith("ESM:"), "sqs.messagesReceived"::equals);
        double sqsRequests =
                perOrder(mix, c -> true, m -> m.startsWith("sqs.") && m.endsWith(".requests") && !m.contains("empty"))
                        + deliveries;
        add(lines, "SQS", "requests (deliveries, receives, deletes, sends)", sqsRequests, "requests", "sqs.request");
        add(
                lines,
                "SNS",
                "publishes (64 KB chunks)",
                perOrder(mix, "sns.Publish.requests"),
                "publishes",
                "sns.publish");
        add(lines, "SNS", "SMS messages", perOrder(mix, "sns.smsMessages"), "SMS", "sns.sms");
        add(lines, "SES", "emails", perOrder(mix, "ses.emails"), "emails", "ses.email");
        add(lines, "API Gateway", "HTTP API requests", 1, "requests", "apigateway.http.request");
        double logBytes = 0;
        double logLines = 0;
        for (var path : mix.entrySet()) {
            for (Inputs.FunctionRun r :
                    inputs.paths().get(path.getKey()).functions().values()) {
                logBytes += path.getValue() * r.logBytes();
                logLines += path.getValue() * r.logLines();
            }
        }
        add(
                lines,
                "CloudWatch Logs",
                "ingestion (+26 bytes per event)",
                (logBytes + LOG_EVENT_OVERHEAD_BYTES * logLines) / 1e9,
                "GB",
                "logs.ingest");
        add(
                lines,
                "X-Ray",
                "traces (default sampling: 5% beyond 1/s)",
                invocations * XRAY_DEFAULT_SAMPLING,
                "traces",
                "xray.trace");
        return lines;
    }

    private void add(
            List<Report.CostLine> lines, String service, String item, double quantity, String unit, String priceId) {
        lines.add(new Report.CostLine(service, item, quantity, unit, quantity * 1_000_000 * prices.usd(priceId)));
    }

    static String fmt(double d) {
        return d >= 100 ? String.format("%,.0f", d) : d >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
    }
}
