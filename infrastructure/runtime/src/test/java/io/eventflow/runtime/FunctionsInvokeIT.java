package io.eventflow.runtime;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.log.JsonLog;
import io.eventflow.metrics.Metrics;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.template.AppTemplate;
import io.eventflow.runtime.template.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `invoke` for every function with each of its sample events (events/<module>/*.json), after provisioning (Stage dev, as the samples name resources; this class has its own JVM and moto)
 * template.yaml: the handler must answer (a response, batch item failures included), never a function error.
 */
@ExtendWith(EmulatorExtension.class)
class FunctionsInvokeIT {
    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionAnswersItsSampleEvents() throws Exception {
        Path root = RepoRoot.find();
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        JsonLog.redirect(log);
        Metrics.redirect(log);
        Clients clients = new Clients();
        AppTemplate template = AppTemplate.load(root.resolve("template.yaml"), Map.of(),
                io.eventflow.runtime.template.Account.discover(), clients.queueUrls);
        new Provisioner(clients, log).provision(template, 0);
        Seed.inventory(clients, template, root.resolve("events/inventory/seed-stock.json"));
        Map<String, String> modules = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) template.source().root()
                .get("Metadata")).get("Eventflow")).get("Modules");
        List<String> failures = new ArrayList<>();
        int invoked = 0;
        for (Model.Function f : template.functions()) {
            Path dir = root.resolve("events").resolve(Path.of(modules.get(f.logicalId())).getFileName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            FunctionContainer c;
            try {
                c = new FunctionContainer(f, Map.of(), log);
            } catch (io.eventflow.runtime.template.TemplateException missing) {
                System.out.println("NOT INVOKED (handler not built yet): " + missing.getMessage());
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path event : files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("seed"))
                        .sorted().toList()) {
                    InvocationResult r = c.invoke(Files.readString(event));
                    invoked++;
                    String line = f.logicalId() + " " + dir.getFileName() + "/" + event.getFileName() + " -> "
                            + (r instanceof InvocationResult.Success s ? s.payload() : ((InvocationResult.Failure) r).errorJson());
                    System.out.println(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                    if (r instanceof InvocationResult.Failure) {
                        failures.add(line);
                    }
                }
            }
            c.close();
        }
        System.out.println("sample events invoked: " + invoked);
        assertThat(invoked).isPositive();
        assertThat(failures).isEmpty();
    }
}
