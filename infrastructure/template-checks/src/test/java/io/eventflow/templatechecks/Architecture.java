package io.eventflow.templatechecks;

import io.eventflow.emulator.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The functions table of docs/ARCHITECTURE.md (the contract template.yaml implements). */
record Architecture(Map<String, Function> functions) {

    /** One row: logical id, Maven module (functions/x), handler string. */
    record Function(String logicalId, String module, String handler) {
        /** events/&lt;module dir name&gt;: where the function's sample events live. */
        String moduleDir() {
            return module.substring(module.lastIndexOf('/') + 1);
        }
    }

    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*`(\\w+Function)`\\s*\\|\\s*`([\\w/-]+)`\\s*\\|\\s*`([\\w.]+(?:::\\w+)?)`\\s*\\|");

    static Architecture load() {
        Path doc = RepoRoot.find().resolve("docs/ARCHITECTURE.md");
        Map<String, Function> functions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(doc)) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    functions.put(m.group(1), new Function(m.group(1), m.group(2), m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (functions.isEmpty()) {
            throw new IllegalStateException(doc + " has no functions table rows");
        }
        return new Architecture(Collections.unmodifiableMap(functions));
    }
}
