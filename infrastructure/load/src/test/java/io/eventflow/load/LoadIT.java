package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Cli;
import io.eventflow.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A short load end to end: the template's functions in this JVM on the engine of this pass, 5 orders/s for 4 s. */
class LoadIT {
    @TempDir
    Path out;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyOrderIsSentOnScheduleAcceptedAndSettledAndTheReportSaysSo() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .run("load", "--rate", "5", "--duration", "4", "--drain-timeout", "240", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed + stderr.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = printed.strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("report ").contains("report.html");
        JsonNode summary = Json.parse(lines[0]);
        assertThat(summary.path("settled").asInt()).isEqualTo(20);

        JsonNode r = Json.parse(Files.readString(out.resolve("report.json")));
        assertThat(r.at("/counts/planned").asInt()).isEqualTo(20);
        assertThat(r.at("/counts/sent").asInt()).isEqualTo(20);
        assertThat(r.at("/counts/accepted").asInt()).isEqualTo(20);
        assertThat(r.at("/counts/settled").asInt()).isEqualTo(20);
        assertThat(r.at("/counts/unsettled").asInt()).isZero();
        assertThat(r.at("/http/classes/2xx").asInt()).isEqualTo(20);
        assertThat(r.at("/endToEnd/latency/count").asInt()).isEqualTo(20);
        // every order ended the way its path meant (a declined payment and a missing SKU cancel)
        int sent = 0;
        for (JsonNode o : r.path("outcomes")) {
            sent += o.path("sent").asInt();
            assertThat(o.path("asExpected").asInt()).isEqualTo(o.path("sent").asInt());
        }
        assertThat(sent).isEqualTo(20);
        assertThat(r.path("hops").toString()).contains("request -> OrderPlaced");
        assertThat(r.path("deliveries").toString()).contains("EventRelayFunction <- DynamoDB");
        assertThat(r.at("/queues/InventoryQueue").isObject()).isTrue();
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<svg")
                .doesNotContain("<script");
    }
}
