package io.eventflow.capacity.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one order costs on each path, as measured on the local runtime (docs/capacity/inputs.json): AWS calls by
 * caller in billing units, Lambda invocations with warm durations, log bytes, and the write load on shared
 * partition keys. Written by {@code ./eventflow capacity measure --write}; read by the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inputs(Meta measured, Map<String, PathInputs> paths) {
    /** The tables (and table/index) the measured orders used: each with a unit count {@code dynamodb.T.wru} or {@code .rru}. */
    public SortedSet<String> dynamoTables() {
        SortedSet<String> tables = new TreeSet<>();
        paths.values()
                .forEach(p -> p.calls()
                        .values()
                        .forEach(m -> m.keySet().stream()
                                .filter(k -> k.startsWith("dynamodb.") && (k.endsWith(".wru") || k.endsWith(".rru")))
                                .forEach(k -> tables.add(k.substring("dynamodb.".length(), k.lastIndexOf('.'))))));
        return tables;
    }

    /**
     * @param commit HEAD when measured (with "-dirty" when the tree had changes)
     * @param host cores and load average while measuring: durations are wall-clock on a shared machine
     * @param unstable metrics whose value differed between the recorded orders of a path (their mean is kept)
     */
    public record Meta(
            String commit,
            String command,
            String date,
            String emulator,
            String host,
            int warmupOrdersPerPath,
            int ordersPerPath,
            List<String> unstable) {}

    /**
     * @param calls caller (function logical id, or ESM:function for Lambda's pollers) -> metric -> amount per order
     * @param functions Lambda function -> invocations, records and durations per order
     * @param partitions table or table/index -> partition-key load per order
     */
    public record PathInputs(
            Map<String, Map<String, Double>> calls,
            Map<String, FunctionRun> functions,
            Map<String, Partitions> partitions) {}

    /**
     * @param invocations per order at the measuring run's low rate (one record per batch, mostly): an upper bound
     * @param records records handled per order: messages, HTTP requests, stream records that carry an event (guards not counted)
     * @param warmMsPerInvocation median duration of an invocation in the recorded (warm) orders
     * @param msPerRecord median over the recorded invocations of duration / records in the batch
     * @param logBytes bytes this function logs per order (its JSON and EMF lines, plus START/END/REPORT)
     */
    public record FunctionRun(
            double invocations,
            double records,
            double warmMsPerInvocation,
            double msPerRecord,
            int memoryMb,
            double logBytes,
            double logLines) {}

    /**
     * @param maxWruOnOneOrderKey the most write units one order puts on a key of its own (e.g. its stream)
     * @param sharedKeys keys every order writes (the same value for all orders) -> write units per order
     */
    public record Partitions(double maxWruOnOneOrderKey, Map<String, Double> sharedKeys) {}

    /** Metrics whose count depends on how many records the pollers found in one batch, not on the order. */
    public static boolean batchingDependent(String metric) {
        return metric.startsWith("sqs.ReceiveMessage")
                || metric.startsWith("sqs.DeleteMessage")
                || metric.equals("eventbridge.PutEvents.requests")
                || metric.startsWith("sqs.SendMessageBatch");
    }
}
