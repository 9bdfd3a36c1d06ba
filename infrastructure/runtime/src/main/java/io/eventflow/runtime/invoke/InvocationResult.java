package io.eventflow.runtime.invoke;

import io.eventflow.runtime.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of one synchronous invoke, as the Lambda service sees it. */
public sealed interface InvocationResult {
    String requestId();

    long durationMs();

    /** @param payload the serialized response (JSON text, "null" for a null/void response) */
    record Success(String requestId, String payload, long durationMs) implements InvocationResult {}

    /** A function error: an exception thrown by the handler ("Unhandled") or a timeout. */
    record Failure(String requestId, String errorType, String errorMessage, boolean timedOut, long durationMs)
            implements InvocationResult {
        /** Lambda's error payload. */
        public String errorJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("errorMessage", errorMessage);
            m.put("errorType", errorType);
            return Json.write(m);
        }
    }
}
