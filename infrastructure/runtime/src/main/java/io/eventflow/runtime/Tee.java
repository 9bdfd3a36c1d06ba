package io.eventflow.runtime;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A PrintStream writing to a console stream (optional) and appending to a file. */
public final class Tee {
    private Tee() {}

    public static PrintStream of(PrintStream console, Path file) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream f = new FileOutputStream(file.toFile(), true);
            OutputStream both = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (console != null) {
                        console.write(b);
                    }
                    f.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (console != null) {
                        console.write(b, off, len);
                    }
                    f.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    if (console != null) {
                        console.flush();
                    }
                    f.flush();
                }
            };
            return new PrintStream(both, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
