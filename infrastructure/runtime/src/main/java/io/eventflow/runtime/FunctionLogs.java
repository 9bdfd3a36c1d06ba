package io.eventflow.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The functions' captured output, split the way CloudWatch would show it: JSON log lines to the log file (and
 * the console), EMF metric lines ({@code {"_aws":...}}) and the runtime's START/END/REPORT lines to the console only.
 */
final class FunctionLogs {
    private FunctionLogs() {}

    /** @param logs JSON log lines; @param console everything else (null: dropped) */
    static PrintStream split(PrintStream logs, PrintStream console) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.startsWith("{") && !text.startsWith("{\"_aws\"")) {
                    logs.println(text);
                } else if (console != null) {
                    console.println(text);
                }
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }
}
