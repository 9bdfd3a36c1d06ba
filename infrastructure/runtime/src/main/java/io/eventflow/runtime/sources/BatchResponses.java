package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How Lambda reads a function's answer to a batch (runtime README, "Partial batch responses"), implemented literally:
 * with ReportBatchItemFailures a valid {@code batchItemFailures} list names the failed items; a malformed
 * answer (not JSON, null/empty identifier, wrong key, for SQS an id not in the batch) fails the whole batch.
 */
public final class BatchResponses {
    private BatchResponses() {}

    /** @param failedIds the items to keep (empty = all succeeded); {@code complete} = the whole batch failed */
    public record Verdict(boolean complete, List<String> failedIds, String reason) {
        static Verdict success() {
            return new Verdict(false, List.of(), null);
        }

        static Verdict failure(String reason) {
            return new Verdict(true, List.of(), reason);
        }

        public boolean allSucceeded() {
            return !complete && failedIds.isEmpty();
        }
    }

    /**
     * @param batchIds the batch's messageIds (SQS) or sequence numbers (streams)
     * @param idsMustBeInBatch true for SQS: an unknown itemIdentifier fails the whole batch
     */
    public static Verdict judge(
            InvocationResult result, boolean reportBatchItemFailures, Set<String> batchIds, boolean idsMustBeInBatch) {
        if (result instanceof InvocationResult.Failure f) {
            return Verdict.failure(f.errorType() + ": " + f.errorMessage());
        }
        if (!reportBatchItemFailures) {
            return Verdict.success();
        }
        String payload = ((InvocationResult.Success) result).payload();
        if (payload == null || payload.isBlank() || payload.trim().equals("null")) {
            return Verdict.success();
        }
        JsonNode response;
        try {
            response = Json.parse(payload);
        } catch (IllegalArgumentException e) {
            return Verdict.failure("response is not valid JSON");
        }
        if (!response.isObject()) {
            return Verdict.failure("response is not a batch response object");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Verdict.success();
        }
        if (!failures.isArray()) {
            return Verdict.failure("batchItemFailures is not a list");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : failures) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || id.isNull() || !id.isTextual() || id.asText().isEmpty()) {
                return Verdict.failure("a batchItemFailures entry has no itemIdentifier");
            }
            if (idsMustBeInBatch && !batchIds.contains(id.asText())) {
                return Verdict.failure("itemIdentifier " + id.asText() + " is not a messageId of this batch");
            }
            ids.add(id.asText());
        }
        return new Verdict(false, ids, ids.isEmpty() ? null : ids.size() + " item(s) reported failed");
    }
}
