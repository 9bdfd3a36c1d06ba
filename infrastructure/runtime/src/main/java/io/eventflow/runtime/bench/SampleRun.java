package io.eventflow.runtime.bench;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionCode;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fresh JVM, one function, every sample event given: init, then one invoke per event, as {@code up} runs it
 * (the function's own classloader over its artifact; {@code EVENTFLOW_ARTIFACTS} picks a {@code sam build}
 * output). {@link ClassLoadFootprint} starts it with class-load logging to learn which of the artifact's jars the
 * function loads classes from. Args: logicalId endpoint eventFile... Prints one JSON line on stdout: the
 * artifact's classpath and each event's outcome.
 */
public final class SampleRun {
    public static void main(String[] args) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        String logicalId = args[0];
        System.setProperty("aws.endpointUrl", args[1]);
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"),
                Map.of(),
                io.eventflow.runtime.CallerAccount.discover(),
                io.eventflow.runtime.QueueUrls.ofEndpoint());
        Model.Function function = template.function(logicalId);
        FunctionCode code = CodeLocator.forTemplate(template).locate(function);
        List<Map<String, Object>> outcomes = new ArrayList<>();
        try (FunctionContainer container =
                new FunctionContainer(function, code, Map.of(), new PrintStream(OutputStream.nullOutputStream()))) {
            container.init();
            for (int i = 2; i < args.length; i++) {
                InvocationResult r = container.invoke(Files.readString(Path.of(args[i])));
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("event", Path.of(args[i]).getFileName().toString());
                outcome.put("ok", r instanceof InvocationResult.Success);
                outcomes.add(outcome);
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("function", logicalId);
        line.put("classpath", code.classpath().stream().map(Path::toString).toList());
        line.put("invocations", outcomes);
        stdout.println(Json.write(line));
        stdout.flush();
        System.exit(0);
    }
}
