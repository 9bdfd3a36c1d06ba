package io.eventflow.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations functions, run the way `./eventflow redrive` and `replay` run them: the same request JSON to
 * DlqRedriveFunction / ReplayFunction, here through this runtime's own containers. One at a time: two redrives
 * of one DLQ at once would only race for the same messages.
 */
final class Operations {
    static final String REDRIVE = "DlqRedriveFunction";
    static final String REPLAY = "ReplayFunction";

    /** What a run answered: the function's JSON, or its error. */
    record Outcome(boolean ok, JsonNode payload, String error, long durationMs, Map<String, Object> request) {}

    private final LocalRuntime runtime;
    private volatile boolean running;

    Operations(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    boolean has(String function) {
        return runtime.container(function) != null;
    }

    Outcome inspect(String dlqName, int max) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("dlqName", dlqName);
        request.put("inspectOnly", true);
        request.put("maxMessages", max);
        return run(REDRIVE, request);
    }

    Outcome redrive(String dlqName) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("dlqName", dlqName);
        request.put("inspectOnly", false);
        return run(REDRIVE, request);
    }

    /**
     * The replay verb's request from the form's fields (stream or types, from, to, target, rate, maxEvents,
     * dryRun); a bare order id (ORD-...) means its stream Order-ORD-....
     */
    static Map<String, Object> replayRequest(JsonNode form) {
        Map<String, Object> request = new LinkedHashMap<>();
        String stream = text(form, "stream");
        String types = text(form, "types");
        if (stream != null && types != null) {
            throw new IllegalArgumentException("give a stream or event types, not both");
        }
        if (stream != null) {
            request.put(
                    "streamId", stream.startsWith("Order-") || !stream.startsWith("ORD-") ? stream : "Order-" + stream);
        } else if (types != null) {
            List<String> list = new ArrayList<>();
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    list.add(t.trim());
                }
            }
            request.put("eventTypes", list);
        } else {
            throw new IllegalArgumentException(
                    "give a stream (e.g. Order-ORD-...) or event types (e.g. OrderPlaced,OrderConfirmed)");
        }
        Instant to = instant(form, "to", Instant.now());
        Instant from = instant(form, "from", to.minus(java.time.Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        request.put("from", from.toString());
        request.put("to", to.toString());
        String target = text(form, "target");
        request.put("target", target == null ? "bus" : target);
        request.put("ratePerSecond", integer(form, "rate", 50, 1, 1000));
        request.put("dryRun", form.path("dryRun").asBoolean(false));
        if (text(form, "maxEvents") != null) {
            request.put("maxEvents", integer(form, "maxEvents", 0, 1, 1_000_000));
        }
        return request;
    }

    Outcome replay(Map<String, Object> request) {
        return run(REPLAY, request);
    }

    /** A redrive or replay is running (listings wait for it rather than queue up behind it on the API's threads). */
    boolean busy() {
        return running;
    }

    private synchronized Outcome run(String function, Map<String, Object> request) {
        FunctionContainer c = runtime.container(function);
        if (c == null) {
            return new Outcome(
                    false,
                    null,
                    function + " is not running in this `up` (not in the template, or skipped)",
                    0,
                    request);
        }
        InvocationResult r;
        running = true;
        try {
            r = c.invoke(Json.write(request));
        } finally {
            running = false;
        }
        if (r instanceof InvocationResult.Success s) {
            JsonNode payload;
            try {
                payload = Json.parse(s.payload());
            } catch (IllegalArgumentException notJson) {
                payload = Json.MAPPER.getNodeFactory().textNode(s.payload());
            }
            return new Outcome(true, payload, null, r.durationMs(), request);
        }
        InvocationResult.Failure f = (InvocationResult.Failure) r;
        return new Outcome(false, null, f.errorType() + ": " + f.errorMessage(), r.durationMs(), request);
    }

    private static String text(JsonNode form, String field) {
        JsonNode v = form.get(field);
        return v == null || v.isNull() || v.asText().isBlank()
                ? null
                : v.asText().trim();
    }

    private static Instant instant(JsonNode form, String field, Instant dflt) {
        String v = text(form, field);
        if (v == null) {
            return dflt;
        }
        try {
            return Instant.parse(v.length() == 16 ? v + ":00Z" : v.length() == 19 ? v + "Z" : v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 time like 2026-01-31T12:00:00Z, got " + v);
        }
    }

    private static int integer(JsonNode form, String field, int dflt, int min, int max) {
        String v = text(form, field);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got " + v);
        }
    }
}
