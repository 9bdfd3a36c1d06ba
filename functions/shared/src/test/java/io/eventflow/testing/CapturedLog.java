package io.eventflow.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a function wrote to stdout (JsonLog and EMF lines) while a test runs, so it can assert what was logged
 * (and that no PII was); closing restores stdout and echoes the lines there, so a failing test still shows its log.
 */
public final class CapturedLog implements AutoCloseable {
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final PrintStream stdout = System.out;

    private CapturedLog() {
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    public String text() {
        return lines.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(stdout);
        System.out.print(text());
    }
}
