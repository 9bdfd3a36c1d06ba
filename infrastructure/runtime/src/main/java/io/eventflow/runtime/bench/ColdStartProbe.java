package io.eventflow.runtime.bench;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionCode;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fresh JVM, one function: time from JVM start to the first response (template parsing excluded, Lambda
 * has none), init alone (handler construction: clients, priming), the first invoke after init, and the median of
 * 10 warm invokes.
 * Args: logicalId eventFile endpoint. Prints one JSON line on stdout.
 */
public final class ColdStartProbe {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        String logicalId = args[0];
        String event = Files.readString(Path.of(args[1]));
        System.setProperty("aws.endpointUrl", args[2]);

        long parseStart = System.currentTimeMillis();
        io.eventflow.emulator.template.Account account = io.eventflow.runtime.CallerAccount.discover();
        Model.Function function;
        FunctionCode code;
        if (logicalId.equals("Hello")) {
            function = new Model.Function(
                    "Hello",
                    "hello",
                    account.arn("lambda", "function:hello"),
                    HelloHandler.class.getName(),
                    20,
                    1024,
                    Map.of(),
                    List.of());
            code = FunctionCode.ofThisJvm();
        } else {
            Template template = Template.load(
                    RepoRoot.find().resolve("template.yaml"),
                    Map.of(),
                    account,
                    io.eventflow.runtime.QueueUrls.ofEndpoint());
            function = template.function(logicalId);
            code = CodeLocator.forTemplate(template).locate(function);
        }
        long parseMs = System.currentTimeMillis() - parseStart;

        // The function's own classloader over its artifact, as `up` runs it: its class loading is part of the cold
        // start.
        FunctionContainer container = new FunctionContainer(
                function, code, Map.of(), new PrintStream(java.io.OutputStream.nullOutputStream()));
        // Init (handler construction: clients built, priming) timed apart, as Lambda reports Init Duration apart.
        long initStart = System.nanoTime();
        container.init();
        long initMs = (System.nanoTime() - initStart) / 1_000_000;
        long firstStart = System.nanoTime();
        InvocationResult first = container.invoke(event);
        long firstMs = (System.nanoTime() - firstStart) / 1_000_000;
        long coldMs = System.currentTimeMillis() - jvmStart - parseMs;
        long[] warm = new long[10];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            container.invoke(event);
            warm[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(warm);
        container.close();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("function", logicalId);
        line.put("ok", first instanceof InvocationResult.Success);
        line.put("coldMs", coldMs);
        line.put("initMs", initMs);
        line.put("firstInvokeMs", firstMs);
        line.put("warmMedianMs", warm[warm.length / 2] / 1000.0);
        stdout.println(Json.write(line));
        stdout.flush();
        System.exit(0);
    }
}
