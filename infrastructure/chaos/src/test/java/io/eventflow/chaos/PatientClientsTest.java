package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An engine that answers too slowly, then in time: the driver's clients try again and say how often. */
class PatientClientsTest {
    private static final Duration ATTEMPT = Duration.ofMillis(300);

    private HttpServer engine;
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        engine.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        engine.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (slowAnswers.getAndDecrement() > 0) {
                try {
                    stop.await(ATTEMPT.toMillis() * 10, TimeUnit.MILLISECONDS); // longer than an attempt may take
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = "{\"Item\":{\"id\":{\"S\":\"x\"}}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        engine.start();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        // the JVM's first SDK call loads classes for longer than a short attempt time-out: not what is tested here
        try (DynamoDbClient warm = client(new PatientClients(Duration.ofSeconds(30), Duration.ofMillis(10)))) {
            warm.getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("x"))));
        }
        bodies.clear();
    }

    @AfterEach
    void stop() {
        stop.countDown();
        engine.stop(0);
    }

    private DynamoDbClient client(PatientClients patient) {
        return patient.configure(DynamoDbClient.builder())
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + engine.getAddress().getPort()))
                .build();
    }

    @Test
    void aRequestTheEngineAnsweredTooSlowlyIsTriedAgainAndCounted() {
        slowAnswers.set(2);
        PatientClients patient = new PatientClients(ATTEMPT, Duration.ofMillis(10));
        try (DynamoDbClient dynamo = client(patient)) {
            var item = dynamo.getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("x"))))
                    .item();

            assertThat(item).containsEntry("id", AttributeValue.fromS("x"));
        }
        assertThat(patient.retries()).containsExactly(Map.entry("GetItem", 2L));
        assertThat(patient.totalRetries()).isEqualTo(2);
    }

    @Test
    void anEngineThatNeverAnswersInTimeStillEndsTheCallAfterTheLastAttempt() {
        slowAnswers.set(Integer.MAX_VALUE);
        PatientClients patient = new PatientClients(ATTEMPT, Duration.ofMillis(10));
        try (DynamoDbClient dynamo = client(patient)) {
            assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("x")))))
                    .isInstanceOf(SdkClientException.class);
        }
        assertThat(patient.retries()).containsExactly(Map.entry("GetItem", (long) PatientClients.MAX_ATTEMPTS - 1));
    }

    @Test
    void anEngineThatAnswersInTimeIsAskedOnce() {
        PatientClients patient = new PatientClients(Duration.ofSeconds(30), Duration.ofMillis(10));
        try (DynamoDbClient dynamo = client(patient)) {
            dynamo.getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("x"))));
        }
        assertThat(patient.retries()).isEmpty();
        assertThat(bodies).hasSize(1);
    }
}
