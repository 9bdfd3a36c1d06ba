package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The project's template.yaml and functions in a started {@link LocalRuntime} on the emulator, stock seeded, with
 * short visibility timeouts (3 s) and polls (1 s) so that retries and dead-lettering happen within a test; the
 * functions' log is kept for the test to read ({@link #log()}).
 */
final class ProjectRun implements AutoCloseable {
    final Clients clients = new Clients();
    final Template template;
    final LocalRuntime runtime;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private ProjectRun() {
        template = Template.load(
                RepoRoot.find().resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        runtime = new LocalRuntime(
                template,
                clients,
                new LocalRuntime.Options(0, 3, 1, 100, 100, Map.of(), false),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(logs, true, StandardCharsets.UTF_8),
                hop -> {});
    }

    static ProjectRun start() {
        ProjectRun run = new ProjectRun();
        run.runtime.start();
        Seed.inventory(run.clients, run.template, RepoRoot.find().resolve("events/inventory/seed-stock.json"));
        return run;
    }

    /** Everything the functions logged so far. */
    String log() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    /** POST /orders with {@code body}, which must be accepted (202); the new order's id. */
    String place(String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/orders"))
                                .timeout(Duration.ofSeconds(30))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return EventJson.parse(r.body()).get("orderId").asText();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
