package io.eventflow.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function log that keeps its lines: the test functions run in classloaders of their own (their statics are
 * not the test's), so they report what they saw on stdout, which the runtime captures into this log.
 */
final class Recorded extends PrintStream {
    private final List<String> lines;

    private Recorded(List<String> lines) {
        super(
                new OutputStream() {
                    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                    @Override
                    public synchronized void write(int b) {
                        if (b == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);
        this.lines = lines;
    }

    static Recorded log() {
        return new Recorded(new CopyOnWriteArrayList<>());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that start with {@code prefix}, without it. */
    List<String> after(String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .toList();
    }

    void clear() {
        lines.clear();
    }
}
