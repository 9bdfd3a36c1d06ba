package io.eventflow.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SDK warnings reach the JSON log (the SLF4J provider of eventflow-shared), debug chatter does not. */
class Slf4jJsonProviderTest {
    @Test
    void warningsAndErrorsBecomeJsonLinesAndDebugIsDropped() {
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("io.eventflow.log.");
        try (CapturedLog log = CapturedLog.start()) {
            sdk.debug("sending {}", "request");
            sdk.warn("retrying {} after {} ms", "PutItem", 40);
            sdk.error("gave up", new IllegalStateException("socket closed"));

            String[] lines = log.text().strip().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0])
                    .contains(
                            "\"level\":\"WARN\"",
                            "\"message\":\"retrying PutItem after 40 ms\"",
                            "\"logger\":\"software.amazon.awssdk.request\"");
            assertThat(lines[1])
                    .contains("\"level\":\"ERROR\"", "\"message\":\"gave up\"", "IllegalStateException: socket closed");
        }
    }
}
