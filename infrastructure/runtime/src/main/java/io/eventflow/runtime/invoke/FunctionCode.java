package io.eventflow.runtime.invoke;

import io.eventflow.emulator.template.TemplateException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a function's classloader is made of: the deployed artifact's classpath, nothing else. The Lambda Java
 * runtime puts the artifact root (classes) and every jar of its {@code lib/} on the classpath; the local runtime
 * takes the same set from a {@code sam build} artifact directory or, before any {@code sam build}, from the
 * function's Maven module (its classes + the runtime jars its build wrote to {@code target/classpath.txt} — the
 * set the Makefile copies into the artifact).
 *
 * @param origin where the set came from, for error messages
 */
public record FunctionCode(List<Path> classpath, String origin) {
    public FunctionCode {
        classpath = List.copyOf(classpath);
    }

    /** A {@code sam build} artifact: {@code dir} (classes at the root) + {@code dir/lib/*.jar}, like Lambda. */
    public static FunctionCode fromArtifact(String logicalId, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TemplateException(logicalId, "no artifact at " + dir + " (run sam build)");
        }
        List<Path> entries = new ArrayList<>(List.of(dir));
        Path lib = dir.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FunctionCode(entries, "artifact " + dir);
    }

    /** A function module: target/classes + target/classpath.txt (written by its build). */
    public static FunctionCode fromModule(String logicalId, Path module) {
        Path file = module.resolve("target/classpath.txt");
        Path classes = module.resolve("target/classes");
        if (!Files.isRegularFile(file) || !Files.isDirectory(classes)) {
            throw new TemplateException(
                    logicalId,
                    "module " + module + " is not built (no target/classes or "
                            + "target/classpath.txt); run: mvn -B install -DskipTests");
        }
        List<Path> entries = new ArrayList<>(List.of(classes));
        try {
            String text = Files.readString(file).strip();
            if (!text.isEmpty()) {
                Arrays.stream(text.split(File.pathSeparator)).map(Path::of).forEach(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FunctionCode(entries, "module " + module);
    }

    /** This JVM's own classpath, in a loader of its own (the runtime's tests and benchmark handlers live there). */
    public static FunctionCode ofThisJvm() {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
        return new FunctionCode(entries, "the runtime's own classpath");
    }

    /** The same set plus {@code extra} at the end (e.g. a measuring agent's classes in every function). */
    public FunctionCode with(Path extra) {
        List<Path> entries = new ArrayList<>(classpath);
        entries.add(extra);
        return new FunctionCode(entries, origin + " + " + extra);
    }

    /** The same set without the entries whose file name starts with {@code prefix} (a jar left out of an artifact). */
    public FunctionCode without(String prefix) {
        return new FunctionCode(
                classpath.stream()
                        .filter(p -> !p.getFileName().toString().startsWith(prefix))
                        .toList(),
                origin + " without " + prefix + "*");
    }

    URL[] urls() {
        return classpath.stream()
                .map(p -> {
                    try {
                        return p.toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalArgumentException(p.toString(), e);
                    }
                })
                .toArray(URL[]::new);
    }
}
