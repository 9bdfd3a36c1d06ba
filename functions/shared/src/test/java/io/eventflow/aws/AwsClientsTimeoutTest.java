package io.eventflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every client of AwsClients gives up on a call within API_CALL_TIMEOUT, well inside the function timeout (Deadlines):
 * against an endpoint that accepts connections and never answers (a hung dependency), the call fails as a
 * client-side error the handler can report, instead of the function timing out with its whole batch.
 */
class AwsClientsTimeoutTest {
    private static final Map<String, String> PROPERTIES =
            Map.of("aws.region", "us-east-1", "aws.accessKeyId", "test", "aws.secretAccessKey", "test");
    private static final Map<String, String> saved = new HashMap<>();

    @BeforeAll
    static void credentials() {
        PROPERTIES.forEach((k, v) -> {
            saved.put(k, System.getProperty(k));
            if (System.getProperty(k) == null && System.getenv(k.equals("aws.region") ? "AWS_REGION" : "-") == null) {
                System.setProperty(k, v);
            }
        });
    }

    @AfterAll
    static void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void timeoutsFitInsideTheFunctionTimeout() {
        assertThat(AwsClients.API_CALL_ATTEMPT_TIMEOUT).isLessThan(AwsClients.API_CALL_TIMEOUT);
        assertThat(AwsClients.API_CALL_TIMEOUT).isLessThan(Duration.ofSeconds(20));
        try (DynamoDbClient client =
                AwsClients.configure(DynamoDbClient.builder()).build()) {
            var override = client.serviceClientConfiguration().overrideConfiguration();
            assertThat(override.apiCallAttemptTimeout()).contains(AwsClients.API_CALL_ATTEMPT_TIMEOUT);
            assertThat(override.apiCallTimeout()).contains(AwsClients.API_CALL_TIMEOUT);
        }
    }

    @Test
    void aCallToAHungEndpointFailsWithinTheApiCallTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                DynamoDbClient client = AwsClients.configure(DynamoDbClient.builder())
                        .endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                        .build()) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, never answered
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            long started = System.nanoTime();
            // attempts of 4 s and their retries outlast the call's 10 s: the call timeout is what ends it (without it,
            // the retries would end with the socket's read timeout instead)
            assertThatThrownBy(() -> client.listTables(b -> b.limit(1)))
                    .isInstanceOf(ApiCallTimeoutException.class)
                    .hasMessageContaining(AwsClients.API_CALL_TIMEOUT.toMillis() + " millis");
            System.out.printf(
                    "hung endpoint: the call failed after %d ms (attempt %d ms, call %d ms)%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    AwsClients.API_CALL_ATTEMPT_TIMEOUT.toMillis(),
                    AwsClients.API_CALL_TIMEOUT.toMillis());
            silent.close();
            acceptor.interrupt();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
