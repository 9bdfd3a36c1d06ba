package io.eventflow.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** {@code logs}: the functions' JSON log lines that `up` wrote, filtered; the last file can be followed. */
public final class Logs {
    private Logs() {}

    /** Prints the matching lines of every file in order; with {@code follow}, keeps reading the last one. */
    public static void run(List<Path> files, Predicate<String> filter, boolean follow, PrintStream out)
            throws IOException, InterruptedException {
        for (Path f : files.subList(0, files.size() - 1)) {
            if (Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank() && filter.test(line)) {
                        out.println(line);
                    }
                }
            }
        }
        Path file = files.get(files.size() - 1);
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
                    if (!line.isBlank() && filter.test(line)) {
                        out.println(line);
                    }
                }
            }
            if (follow) {
                Thread.sleep(300);
            }
        } while (follow);
    }

    /** A line whose JSON field equals one of the values (a line that is not JSON never matches). */
    public static Predicate<String> field(String name, java.util.Collection<String> values) {
        return line -> {
            try {
                JsonNode n = Json.parse(line);
                return values.contains(n.path(name).asText(null));
            } catch (IllegalArgumentException notJson) {
                return false;
            }
        };
    }
}
