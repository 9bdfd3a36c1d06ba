package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A small chaos run end to end (own moto, proxy, runtime, every fault on, a short outage, a provider outage): all invariants hold. */
@Tag("chaos") // a small copy of the CI-sized chaos run: the moto pass leaves it out when that run runs beside it
class ChaosRunIT {
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSmallRunWithEveryFaultKeepsEveryInvariant() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = ChaosMain.run(
                new String[] {
                    "--orders",
                    "30",
                    "--seed",
                    "7",
                    "--duplicate-rate",
                    "0.2",
                    "--reorder-rate",
                    "0.2",
                    "--crash-rate",
                    "0.1",
                    "--poison-rate",
                    "0.1",
                    "--outage-seconds",
                    "2",
                    "--bus-outage-seconds",
                    "6",
                    "--provider-outage-seconds",
                    "10",
                    "--timeout-seconds",
                    "240"
                },
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String out = stdout.toString(StandardCharsets.UTF_8).strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        JsonNode report = new ObjectMapper().readTree(out.substring(0, out.lastIndexOf('\n')));

        assertThat(last).as(out).isEqualTo("7 passed, 0 failed");
        assertThat(code).isZero();
        JsonNode faults = report.path("faults");
        assertThat(faults.path("duplicateDeliveries").asInt()).isPositive();
        assertThat(faults.path("crashedBatches").asInt()).isPositive();
        assertThat(faults.path("heldBackDeliveries").asInt()).isPositive();
        assertThat(faults.path("outageRejectedRequests").asInt()).isPositive();
        // the default provider outage: SES/SMS calls refused, and still no message in a DLQ but the poison (invariant
        // 5)
        assertThat(faults.path("providerOutageRejectedCalls").asInt()).isPositive();
        String functionLog = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("eventflow.state", ".eventflow"), "chaos", "functions.jsonl"));
        assertThat(functionLog)
                .as("a sender's breaker opened and deferred messages")
                .contains("\"CircuitOpen\":1")
                .contains("provider circuit open; message waits on its queue");
        assertThat(faults.path("poisonMessages").asInt()).isPositive();
        // the bus was down longer than the relay's budget: records were given up, then all recovered (and the
        // invariants above hold: every order finished, every notification went out once, the failure queue is empty)
        String progress = stderr.toString(StandardCharsets.UTF_8);
        assertThat(faults.path("busOutageRejectedPutEvents").asInt())
                .as(progress)
                .isPositive();
        assertThat(faults.path("relayFailureRecords").asInt()).as(progress).isPositive();
        assertThat(faults.path("recoveredRecords").asInt())
                .isEqualTo(faults.path("relayFailureRecords").asInt());
        assertThat(faults.path("recoveredEvents").asInt()).isPositive();
        assertThat(report.path("outcomes").path("SHIPPED").asInt()
                        + report.path("outcomes").path("CANCELLED").asInt())
                .isEqualTo(30);
        JsonNode replay = report.path("replay");
        assertThat(replay.path("sent").asLong())
                .isPositive()
                .isEqualTo(replay.path("matched").asLong());
        assertThat(replay.path("consumerInvocations").asLong()).isPositive();
        assertThat(replay.path("rebuiltViews").asInt()).isEqualTo(30);
    }
}
