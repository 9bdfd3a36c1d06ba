package io.eventflow.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout this code runs from: the first folder upwards that holds template.yaml and pom.xml. */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path find() {
        String configured = System.getProperty("eventflow.root", System.getenv("EVENTFLOW_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the eventflow checkout (template.yaml + pom.xml) above "
                + Path.of("").toAbsolutePath() + "; set EVENTFLOW_ROOT");
    }
}
