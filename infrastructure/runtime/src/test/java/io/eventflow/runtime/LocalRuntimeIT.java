package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import io.eventflow.runtime.invoke.CodeLocator;
import io.eventflow.runtime.sources.Activity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** `up` on the small test template: every source runs, quiescence is detected, failures are recorded. */
@ExtendWith(EmulatorExtension.class)
class LocalRuntimeIT {
    @Test
    void runsAllSourcesUntilQuiescent() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Clients clients = new Clients();
        Template template = TestTemplates.load(suffix, clients);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true);
        List<Activity.Hop> hops = new CopyOnWriteArrayList<>();
        try (LocalRuntime runtime = new LocalRuntime(
                template,
                CodeLocator.thisJvm(),
                clients,
                new LocalRuntime.Options(0, 2, 1, 100, 50, Map.of(), false),
                out,
                out,
                hops::add)) {
            runtime.start();
            assertThat(text.toString()).contains("WorkQueue 30s->2s");
            Model.Queue work = template.queues().stream()
                    .filter(q -> q.logicalId().equals("WorkQueue"))
                    .findFirst()
                    .orElseThrow();
            clients.sqs.sendMessage(b -> b.queueUrl(template.queueUrl(work)).messageBody("ok-1"));
            clients.sqs.sendMessage(b -> b.queueUrl(template.queueUrl(work)).messageBody("fail-1"));
            String table = template.table("WorkTable").orElseThrow().name();
            clients.dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("x1"))));
            var get = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/items/9"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(201);
            assertThat(runtime.awaitQuiescence(30_000)).isTrue();
            Map<Model.Queue, Integer> depths = runtime.depths();
            depths.forEach((q, n) ->
                    assertThat(n).as(q.logicalId()).isEqualTo(q.logicalId().equals("WorkDLQ") ? 1 : 0));
            assertThat(hops)
                    .extracting(Activity.Hop::function)
                    .contains("SqsFunction", "StreamFunction", "HttpFunction");
            assertThat(hops)
                    .filteredOn(h -> h.outcome().startsWith("partial"))
                    .isNotEmpty()
                    .allSatisfy(h -> assertThat(h.failedItems()).hasSize(1));
        }
    }
}
