package io.eventflow.capacity.measure;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sink for log lines that keeps nothing but their count and bytes (UTF-8 plus the newline) per caller thread:
 * what CloudWatch Logs would ingest. JsonLog and Metrics write whole lines with println(String).
 */
class LineCounter extends PrintStream {
    private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> lines = new ConcurrentHashMap<>();
    private final PrintStream echo;

    LineCounter(PrintStream echo) {
        super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.echo = echo;
    }

    @Override
    public void println(String line) {
        String key = key(line);
        if (key != null) {
            bytes.computeIfAbsent(key, k -> new LongAdder()).add(line.getBytes(StandardCharsets.UTF_8).length + 1);
            lines.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        if (echo != null) {
            echo.println(line);
        }
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    /** Which counter a line belongs to; null = not counted. */
    String key(String line) {
        return CallCounter.caller(Thread.currentThread());
    }

    Map<String, long[]> snapshot() {
        Map<String, long[]> m = new TreeMap<>();
        bytes.forEach((k, v) -> m.put(
                k, new long[] {v.sum(), lines.getOrDefault(k, new LongAdder()).sum()}));
        return m;
    }
}
