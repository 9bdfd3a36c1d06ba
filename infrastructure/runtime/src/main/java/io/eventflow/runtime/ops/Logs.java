package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code logs [--follow] [--correlation-id X]}: the functions' JSON log lines that `up` wrote. */
public final class Logs {
    private Logs() {
    }

    public static void run(Path file, String correlationId, boolean follow, PrintStream out) throws IOException, InterruptedException {
        if (!Files.exists(file) && !follow) {
            throw new IllegalStateException("no logs yet at " + file + " (run `up` first)");
        }
        long position = 0;
        StringBuilder partial = new StringBuilder();
        do {
            if (Files.exists(file)) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    if (f.length() < position) {
                        position = 0;
                    }
                    f.seek(position);
                    byte[] buf = new byte[(int) (f.length() - position)];
                    f.readFully(buf);
                    position = f.length();
                    partial.append(new String(buf, StandardCharsets.UTF_8));
                }
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    String line = partial.substring(0, nl);
                    partial.delete(0, nl + 1);
                    if (matches(line, correlationId)) {
                        out.println(line);
                    }
                }
            }
            if (follow) {
                Thread.sleep(300);
            }
        } while (follow);
    }

    static boolean matches(String line, String correlationId) {
        if (line.isBlank()) {
            return false;
        }
        if (correlationId == null) {
            return true;
        }
        try {
            JsonNode n = Json.parse(line);
            return correlationId.equals(n.path("correlationId").asText(null));
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }
}
