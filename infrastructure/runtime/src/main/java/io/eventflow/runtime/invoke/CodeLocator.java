package io.eventflow.runtime.invoke;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.TemplateException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** Where a function's code (its artifact classpath) is found. */
@FunctionalInterface
public interface CodeLocator {
    /** Variable naming a {@code sam build} output directory ({@code .aws-sam/build}): run the built artifacts. */
    String ARTIFACTS_VARIABLE = "EVENTFLOW_ARTIFACTS";

    FunctionCode locate(Model.Function function);

    /**
     * Each function's code plus the code source (class directory or jar) of {@code type} appended: a measuring agent
     * (its classes and its SDK global interceptor file) in the class loader that builds each function's SDK clients.
     * Such agents share their counts through JDK types, so the per-function copies add up.
     */
    default CodeLocator withCodeOf(Class<?> type) {
        Path extra;
        try {
            extra = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no code source for " + type.getName(), e);
        }
        return f -> locate(f).with(extra);
    }

    /**
     * The template's functions: from {@code $EVENTFLOW_ARTIFACTS/<LogicalId>} when that variable names a
     * {@code sam build} output, else from the Maven module named by the function's {@code Metadata.EventflowModule}
     * (relative to the template's directory). {@code Metadata.EventflowCode: jvm} (the runtime's own test
     * templates) takes this JVM's classpath instead, still in a classloader per function.
     */
    static CodeLocator forTemplate(Template template) {
        Path base = template.path().toAbsolutePath().getParent();
        String artifacts = System.getenv(ARTIFACTS_VARIABLE);
        if (artifacts != null && !artifacts.isBlank()) {
            Path dir = base.resolve(artifacts);
            return f -> FunctionCode.fromArtifact(f.logicalId(), dir.resolve(f.logicalId()));
        }
        FunctionCode jvm = FunctionCode.ofThisJvm();
        return f -> "jvm".equals(metadata(template, f.logicalId()).get("EventflowCode"))
                ? jvm
                : FunctionCode.fromModule(f.logicalId(), base.resolve(module(template, f.logicalId())));
    }

    /** Every function from this JVM's classpath, each in a loader of its own (the runtime's tests, the benchmark). */
    static CodeLocator thisJvm() {
        FunctionCode code = FunctionCode.ofThisJvm();
        return f -> code;
    }

    private static Map<?, ?> metadata(Template template, String logicalId) {
        Object resources = template.root().get("Resources");
        Object resource = resources instanceof Map<?, ?> r ? r.get(logicalId) : null;
        return resource instanceof Map<?, ?> m && m.get("Metadata") instanceof Map<?, ?> md ? md : Map.of();
    }

    private static String module(Template template, String logicalId) {
        Object module = metadata(template, logicalId).get("EventflowModule");
        if (!(module instanceof String s) || s.isBlank()) {
            throw new TemplateException(
                    logicalId,
                    "no Metadata.EventflowModule (the Maven module whose artifact is this "
                            + "function's code); or set " + ARTIFACTS_VARIABLE + " to a sam build output");
        }
        return s;
    }
}
