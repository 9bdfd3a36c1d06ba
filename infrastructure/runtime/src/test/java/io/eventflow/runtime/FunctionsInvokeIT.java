package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * `invoke` for every function with each of its sample events (events/<module>/*.json), after provisioning (Stage dev,
 * as the samples name resources; this class has its own JVM and moto)
 * template.yaml: the handler must answer (a response, batch item failures included), never a function error. Each
 * function runs from its own module's artifact classpath in a classloader of its own, as `up` runs it. A function
 * without a buildable handler or without sample events fails the test: every function ships both.
 */
@ExtendWith(EmulatorExtension.class)
class FunctionsInvokeIT {
    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionAnswersItsSampleEvents() throws Exception {
        Path root = RepoRoot.find();
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        Clients clients = new Clients();
        Template template =
                Template.load(root.resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        CodeLocator code = CodeLocator.forTemplate(template);
        new Provisioner(clients, log).provision(template, 0);
        Seed.inventory(clients, template, root.resolve("events/inventory/seed-stock.json"));
        Map<String, String> modules = (Map<String, String>)
                ((Map<String, Object>) ((Map<String, Object>) template.root().get("Metadata")).get("Eventflow"))
                        .get("Modules");
        List<String> failures = new ArrayList<>();
        int invoked = 0;
        for (Model.Function f : template.functions()) {
            Path dir = root.resolve("events")
                    .resolve(Path.of(modules.get(f.logicalId())).getFileName());
            List<Path> events = sampleEvents(dir);
            if (events.isEmpty()) {
                failures.add(f.logicalId() + ": no sample events in " + root.relativize(dir));
                continue;
            }
            FunctionContainer c;
            try {
                c = new FunctionContainer(f, code.locate(f), Map.of(), log);
            } catch (io.eventflow.emulator.template.TemplateException missing) {
                failures.add(missing.getMessage());
                continue;
            }
            for (Path event : events) {
                InvocationResult r = c.invoke(Files.readString(event));
                invoked++;
                String line = f.logicalId() + " " + dir.getFileName() + "/" + event.getFileName() + " -> "
                        + (r instanceof InvocationResult.Success s
                                ? s.payload()
                                : ((InvocationResult.Failure) r).errorJson());
                System.out.println(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                if (r instanceof InvocationResult.Failure) {
                    failures.add(line);
                }
            }
            c.close();
        }
        System.out.println("sample events invoked: " + invoked);
        failures.forEach(System.out::println);
        assertThat(invoked).isPositive();
        assertThat(failures).isEmpty();
    }

    private static List<Path> sampleEvents(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")
                            && !p.getFileName().toString().startsWith("seed"))
                    .sorted()
                    .toList();
        }
    }
}
