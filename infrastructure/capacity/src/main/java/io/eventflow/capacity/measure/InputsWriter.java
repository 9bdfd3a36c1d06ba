package io.eventflow.capacity.measure;

import io.eventflow.capacity.model.Inputs;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.sources.Activity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns the recorded orders into {@link Inputs}: per-order means, with metrics that varied between orders named. */
public final class InputsWriter {
    private InputsWriter() {}

    public static Inputs inputs(
            Map<String, List<Measurement.OrderCost>> measured, Template template, Inputs.Meta meta) {
        Map<String, Integer> memory = new TreeMap<>();
        template.functions().forEach(f -> memory.put(f.logicalId(), f.memoryMb()));
        List<String> unstable = new ArrayList<>();
        Map<String, Inputs.PathInputs> paths = new LinkedHashMap<>();
        measured.forEach((path, orders) -> {
            Map<String, Map<String, Double>> calls = new TreeMap<>();
            Set<String> metrics = new TreeSet<>();
            orders.forEach(o -> o.calls().counts().forEach((caller, m) -> {
                if (!caller.equals("driver")) {
                    m.keySet().stream().filter(InputsWriter::perOrder).forEach(k -> metrics.add(caller + "\t" + k));
                }
            }));
            for (String cm : metrics) {
                String[] parts = cm.split("\t");
                double[] values = orders.stream()
                        .mapToDouble(o -> o.calls()
                                .counts()
                                .getOrDefault(parts[0], Map.of())
                                .getOrDefault(parts[1], 0.0))
                        .toArray();
                calls.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(parts[1], mean(values));
                note(unstable, path, parts[0] + " " + parts[1], values);
            }
            paths.put(
                    path, new Inputs.PathInputs(calls, functions(path, orders, memory, unstable), partitions(orders)));
        });
        return new Inputs(
                new Inputs.Meta(
                        meta.commit(),
                        meta.command(),
                        meta.date(),
                        meta.emulator(),
                        meta.host(),
                        meta.warmupOrdersPerPath(),
                        meta.ordersPerPath(),
                        unstable),
                paths);
    }

    /** Polling that goes on whether or not orders arrive (empty receives, stream reads) is not a cost of the order. */
    static boolean perOrder(String metric) {
        return !metric.equals("sqs.ReceiveMessage.emptyRequests")
                && !metric.startsWith("dynamodbstreams.")
                && !metric.startsWith("dynamodb.calls.DescribeTable");
    }

    private static Map<String, Inputs.FunctionRun> functions(
            String path, List<Measurement.OrderCost> orders, Map<String, Integer> memory, List<String> unstable) {
        Map<String, Inputs.FunctionRun> fns = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        orders.forEach(o -> o.hops().forEach(h -> names.add(h.function())));
        for (String fn : names) {
            double[] invocations = new double[orders.size()];
            double[] records = new double[orders.size()];
            List<Long> durations = new ArrayList<>();
            List<Double> perRecord = new ArrayList<>();
            double logBytes = 0;
            double logLines = 0;
            for (int i = 0; i < orders.size(); i++) {
                Measurement.OrderCost o = orders.get(i);
                List<Activity.Hop> hops =
                        o.hops().stream().filter(h -> h.function().equals(fn)).toList();
                invocations[i] = hops.size();
                records[i] = hops.stream()
                        .mapToInt(h -> Math.max(1, h.eventTypes().size()))
                        .sum();
                for (Activity.Hop h : hops) {
                    durations.add(h.durationMs());
                    perRecord.add(
                            (double) h.durationMs() / Math.max(1, h.eventTypes().size()));
                }
                long[] own = o.logs().getOrDefault(fn, new long[2]);
                double platformPerInvocation = o.hops().isEmpty()
                        ? 0
                        : (double) o.platformLogs()[0] / o.hops().size();
                logBytes += own[0] + platformPerInvocation * hops.size();
                logLines += own[1] + 3.0 * hops.size();
            }
            note(unstable, path, fn + " invocations", invocations);
            note(unstable, path, fn + " records", records);
            durations.sort(Long::compare);
            perRecord.sort(Double::compare);
            // medians: one slow invocation (a GC pause, a busy core) should not move the model
            fns.put(
                    fn,
                    new Inputs.FunctionRun(
                            mean(invocations),
                            mean(records),
                            durations.isEmpty() ? 0 : durations.get(durations.size() / 2),
                            perRecord.isEmpty() ? 0 : round(perRecord.get(perRecord.size() / 2)),
                            memory.getOrDefault(fn, 0),
                            round(logBytes / orders.size()),
                            round(logLines / orders.size())));
        }
        return fns;
    }

    /** Keys written by every recorded order are shared (an event type in the GSI, a SKU); the rest belong to one order. */
    private static Map<String, Inputs.Partitions> partitions(List<Measurement.OrderCost> orders) {
        Set<String> tables = new TreeSet<>();
        orders.forEach(o -> tables.addAll(o.calls().keys().keySet()));
        Map<String, Inputs.Partitions> out = new TreeMap<>();
        for (String table : tables) {
            Set<String> shared = null;
            for (Measurement.OrderCost o : orders) {
                Set<String> keys = new HashSet<>(
                        o.calls().keys().getOrDefault(table, Map.of()).keySet());
                if (shared == null) {
                    shared = keys;
                } else {
                    shared.retainAll(keys);
                }
            }
            Set<String> sharedKeys = shared == null ? Set.of() : shared;
            Map<String, Double> sharedLoad = new TreeMap<>();
            double maxOwn = 0;
            for (Measurement.OrderCost o : orders) {
                for (var e : o.calls().keys().getOrDefault(table, Map.of()).entrySet()) {
                    if (sharedKeys.contains(e.getKey())) {
                        sharedLoad.merge(e.getKey(), e.getValue() / orders.size(), Double::sum);
                    } else {
                        maxOwn = Math.max(maxOwn, e.getValue());
                    }
                }
            }
            out.put(table, new Inputs.Partitions(maxOwn, sharedLoad));
        }
        return out;
    }

    private static void note(List<String> unstable, String path, String what, double[] values) {
        double min = java.util.Arrays.stream(values).min().orElse(0);
        double max = java.util.Arrays.stream(values).max().orElse(0);
        if (max - min > 1e-9) {
            unstable.add(path + ": " + what + " " + fmt(min) + ".." + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : round(java.util.Arrays.stream(values).sum() / values.length);
    }

    static double round(double d) {
        return Math.round(d * 1000.0) / 1000.0;
    }
}
