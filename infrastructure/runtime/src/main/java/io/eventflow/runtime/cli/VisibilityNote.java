package io.eventflow.runtime.cli;

/**
 * The provisioner's one-line note on scaled visibility timeouts ("...: A 30s->5s, B 60s->5s") as a table: one
 * queue per line.
 */
final class VisibilityNote {
    private static final String PREFIX = "note: queue visibility timeouts scaled down";

    private VisibilityNote() {}

    static String table(String line) {
        if (!line.startsWith(PREFIX) || line.indexOf("): ") < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder(
                "queue visibility timeouts scaled down for local runs (failed messages come back sooner):");
        for (String entry : line.substring(line.indexOf("): ") + 3).split(", ")) {
            String[] parts = entry.split(" ");
            sb.append(String.format("%n  %-28s %s", parts[0], parts.length > 1 ? parts[1].replace("->", " -> ") : ""));
        }
        return sb.toString();
    }
}
