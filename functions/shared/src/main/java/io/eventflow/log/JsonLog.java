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

    /** Set while a priming run goes through a handler: its lines are built (warmed) but not printed. */
    private static final ThreadLocal<Boolean> DISCARDING = ThreadLocal.withInitial(() -> false);

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
        print(line);
    }

    /**
     * One JSON line on stdout (log lines, EMF metrics), unless this thread runs {@link #discarding}: a priming run's
     * lines and metrics are serialized like any others, so the path is warm, and then dropped, so a cold start reports
     * no failure and counts no metric for the sample it primed with.
     */
    public static void print(Object line) {
        String json = EventJson.write(line);
        if (!DISCARDING.get()) {
            System.out.println(json);
        }
    }

    /** Runs {@code work} with this thread's log lines and metrics built but not printed. */
    public static void discarding(Runnable work) {
        boolean outer = DISCARDING.get();
        DISCARDING.set(true);
        try {
            work.run();
        } finally {
            DISCARDING.set(outer);
        }
    }
}
