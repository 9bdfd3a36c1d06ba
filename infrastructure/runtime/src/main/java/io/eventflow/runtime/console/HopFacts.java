package io.eventflow.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.sources.Activity;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console counts from one hop: messages carried, failed, redelivered, and the orders it touched.
 *
 * @param retried messages in the batch that had been delivered before
 * @param error the invoke failed as a whole (function error), not item by item
 */
record HopFacts(int items, int failed, int retried, boolean error, List<String> orderIds) {
    static HopFacts of(Activity.Hop hop) {
        int items = Math.max(1, hop.eventTypes().size());
        boolean error = hop.outcome().startsWith("error");
        int failed = error ? items : Math.min(items, hop.failedItems().size());
        return new HopFacts(items, failed, retried(hop), error, orderIds(hop));
    }

    private static int retried(Activity.Hop hop) {
        return 0;
    }

    /** The order a POST /orders created (from the API's answer). */
    private static List<String> orderIds(Activity.Hop hop) {
        List<String> out = new ArrayList<>();
        if ("HttpApi".equals(hop.source()) && hop.result() instanceof InvocationResult.Success s) {
            try {
                JsonNode r = Json.parse(s.payload());
                JsonNode body = r.path("body").isTextual() ? Json.parse(r.get("body").asText()) : r;
                if (body.hasNonNull("orderId")) {
                    out.add(body.get("orderId").asText());
                }
            } catch (RuntimeException notJson) {
                // an answer without an order
            }
        }
        return out;
    }
}
