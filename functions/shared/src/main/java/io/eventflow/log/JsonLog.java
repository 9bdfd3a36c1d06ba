package io.eventflow.log;

import io.eventflow.aws.Environment;
import io.eventflow.events.EventJson;
import io.eventflow.events.Failures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON-lines logging to stdout (CloudWatch keeps one line per entry; the local runtime captures each
 * function's stdout like Lambda does). Every line carries the current
 * {@code correlationId}, {@code eventId} and {@code eventType} from {@link LogContext}. Failures are logged
 * as type and message only: no stack traces, and callers log ids, never customer details.
 */
public final class JsonLog {
    /** {@code LOG_LEVEL=DEBUG} turns debug lines on; read once per container, like every setting. */
    private static final boolean DEBUG =
            Environment.get("LOG_LEVEL").filter("DEBUG"::equalsIgnoreCase).isPresent();

    private final String function;

    private JsonLog(String function) {
        this.function = function;
    }

    public static JsonLog of(String function) {
        return new JsonLog(function);
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void debug(String message, Object... keyValues) {
        if (DEBUG) {
            write("DEBUG", message, null, keyValues);
        }
    }

    public void warn(String message, Throwable failure, Object... keyValues) {
        write("WARN", message, failure, keyValues);
    }

    public void error(String message, Throwable failure, Object... keyValues) {
        write("ERROR", message, failure, keyValues);
    }

    private void write(String level, String message, Throwable failure, Object[] keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("function", function);
        line.put("message", message);
        LogContext.current().forEach(line::put);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (failure != null) {
            line.put("error", Failures.describe(failure));
            line.put("retryable", Failures.isRetryable(failure));
        }
        System.out.println(EventJson.write(line));
    }
}
