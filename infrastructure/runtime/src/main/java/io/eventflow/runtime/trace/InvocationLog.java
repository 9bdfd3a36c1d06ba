package io.eventflow.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.sources.Activity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's own record of every invoke (.eventflow/logs/invocations.jsonl, one JSON line per invoke): which
 * function, from which source, carrying which events of which orders, with what outcome, how long, and how often
 * each message had been received. It is what `trace` reads for an order's deliveries.
 */
public final class InvocationLog {
    /** One invoke as recorded. */
    public record Invocation(
            String time,
            String function,
            String source,
            String outcome,
            long durationMs,
            String requestId,
            List<String> failedItems,
            List<Activity.Item> items) {
        public boolean succeeded() {
            return outcome.startsWith("ok") || outcome.startsWith("rejected");
        }

        /** Whether this item was among those the invoke failed (all of them on a function error). */
        public boolean failed(Activity.Item item) {
            return outcome.startsWith("error") || (item.key() != null && failedItems.contains(item.key()));
        }
    }

    private InvocationLog() {}

    public static String line(Activity.Hop hop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", hop.time().toString());
        m.put("function", hop.function());
        m.put("source", hop.source());
        m.put("outcome", hop.outcome());
        m.put("durationMs", hop.durationMs());
        m.put("requestId", hop.result() == null ? null : hop.result().requestId());
        m.put("failedItems", hop.failedItems());
        m.put("items", hop.items());
        return Json.write(m);
    }

    public static List<Invocation> read(List<Path> files) {
        List<Invocation> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode n = Json.parse(line);
                        out.add(Json.MAPPER.treeToValue(n, Invocation.class));
                    } catch (IllegalArgumentException | IOException torn) {
                        // a line cut by a crash: skip it
                    }
                }
            } catch (IOException e) {
                // unreadable: nothing from this file
            }
        }
        return out;
    }
}
