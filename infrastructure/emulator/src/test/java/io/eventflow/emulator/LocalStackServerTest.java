package io.eventflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalStackServerTest {
    @Test
    void readyOnlyWhenEveryServiceRuns() {
        String loaded = "{\"services\": {\"dynamodb\": \"disabled\", \"events\": \"running\", \"ses\": \"running\", "
                + "\"sns\": \"running\", \"sqs\": \"running\", \"sts\": \"running\"}, \"version\": \"2026.3.0\"}";
        assertThat(LocalStackServer.running(loaded)).isTrue();
        assertThat(LocalStackServer.running(loaded.replace("\"sts\": \"running\"", "\"sts\": \"available\"")))
                .isFalse();
        assertThat(LocalStackServer.running("{\"services\": {}}")).isFalse();
    }

    @Test
    void everyServiceItRunsIsWarmedUpBeforeTheTests() {
        assertThat(LocalStackServer.WARM_UP)
                .extracting(LocalStackServer.WarmUp::service)
                .containsExactlyInAnyOrder(LocalStackServer.SERVICES.split(","));
    }
}
