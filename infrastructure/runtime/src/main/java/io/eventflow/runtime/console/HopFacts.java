package io.eventflow.runtime.console;

import io.eventflow.runtime.sources.Activity;
import java.util.List;

/**
 * What the console counts from one hop: messages carried, failed, redelivered, and the orders it touched.
 *
 * @param retried messages in the batch that had been received before (SQS ApproximateReceiveCount above 1)
 * @param error the invoke failed as a whole (function error), not item by item
 */
record HopFacts(int items, int failed, int retried, boolean error, List<String> orderIds) {
    static HopFacts of(Activity.Hop hop) {
        int items = Math.max(1, hop.eventTypes().size());
        boolean error = hop.outcome().startsWith("error");
        int failed = error ? items : Math.min(items, hop.failedItems().size());
        int retried =
                (int) hop.items().stream().filter(i -> i.receiveCount() > 1).count();
        return new HopFacts(items, failed, retried, error, hop.orderIds());
    }
}
