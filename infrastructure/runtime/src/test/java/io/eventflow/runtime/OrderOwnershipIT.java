package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.sources.HttpApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * template.yaml (ApiAuth=IAM) under `up`: the caller the local HTTP API hands OrderApiFunction owns the order the
 * way it does on AWS — an assumed role whatever its session is called.
 */
@ExtendWith(EmulatorExtension.class)
class OrderOwnershipIT {
    @Test
    void anotherSessionOfTheRoleReadsTheOrderAnotherRoleDoesNot() throws Exception {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        Clients clients = new Clients();
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"),
                Map.of("ApiAuth", "IAM"),
                CallerAccount.discover(),
                clients.queueUrls);
        String account = template.account().id();
        String shop = "arn:aws:sts::" + account + ":assumed-role/Shop/";
        try (LocalRuntime runtime = new LocalRuntime(
                template, clients, new LocalRuntime.Options(0, 3, 1, 100, 100, Map.of(), false), log, log, h -> {})) {
            runtime.start();
            Seed.inventory(clients, template, RepoRoot.find().resolve("events/inventory/seed-stock.json"));
            String body = Json.parse(Files.readString(RepoRoot.find().resolve("events/order-api/post-order.json")))
                    .get("body")
                    .asText();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + runtime.port() + "/orders";
            HttpResponse<String> placed = http.send(
                    HttpRequest.newBuilder(URI.create(base))
                            .header("Content-Type", "application/json")
                            .header(HttpApiServer.CALLER_HEADER, shop + "alice")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
            String orderId = Json.parse(placed.body()).get("orderId").asText();
            assertThat(runtime.awaitQuiescence(60_000)).isTrue();

            assertThat(get(http, base + "/" + orderId, shop + "bob"))
                    .as("another session of the role")
                    .isEqualTo(200);
            assertThat(get(http, base + "/" + orderId, "arn:aws:sts::" + account + ":assumed-role/Other/alice"))
                    .as("another role, same session name")
                    .isEqualTo(404);
            assertThat(get(http, base + "/" + orderId, null))
                    .as("the local default caller, an IAM user")
                    .isEqualTo(404);
        }
    }

    private static int get(HttpClient http, String url, String caller) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (caller != null) {
            b.header(HttpApiServer.CALLER_HEADER, caller);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
