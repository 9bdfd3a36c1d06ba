package io.eventflow.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Priming's AWS answers reads from its seed, refuses everything else, and sends nothing anywhere. */
class PrimingAwsTest {
    private static final String TABLE = "priming-events";
    private static final AtomicInteger REACHED = new AtomicInteger();
    private static HttpServer endpoint;
    private static String region;

    /** An endpoint the SDK is pointed at, as locally: a priming client must never reach it. */
    @BeforeAll
    static void endpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            REACHED.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        System.setProperty(
                "aws.endpointUrl", "http://127.0.0.1:" + endpoint.getAddress().getPort());
        region = System.getProperty("aws.region");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void close() {
        endpoint.stop(0);
        System.clearProperty("aws.endpointUrl");
        if (region == null) {
            System.clearProperty("aws.region");
        } else {
            System.setProperty("aws.region", region);
        }
    }

    private static PrimingAws seeded() {
        PrimingAws aws = new PrimingAws();
        PrimingOrder.history(3).forEach(e -> aws.item(TABLE, DynamoDbEventStore.item(e)));
        return aws;
    }

    @Test
    void readsOfTheEventStoreFindTheSeededStream() {
        PrimingAws aws = seeded();
        EventStore store = new DynamoDbEventStore(aws.dynamo(), TABLE);
        String stream = PrimingOrder.event(1).streamId();

        assertThat(store.readStream(stream, 1))
                .extracting(EventEnvelope::eventId)
                .containsExactly(
                        PrimingOrder.event(1).eventId(),
                        PrimingOrder.event(2).eventId(),
                        PrimingOrder.event(3).eventId());
        assertThat(store.readStream(stream, 3))
                .extracting(EventEnvelope::sequence)
                .containsExactly(3L);
        assertThat(store.currentVersion(stream)).isEqualTo(3);
        assertThat(store.find(stream, 2)).contains(PrimingOrder.event(2));
        assertThat(store.findAll(List.of(new EventStore.Position(stream, 1), new EventStore.Position(stream, 9))))
                .containsExactly(PrimingOrder.event(1));
        assertThat(store.currentVersion("Order-NONE")).isZero();
        assertThat(aws.refused()).isEmpty();
        assertThat(REACHED).hasValue(0);
    }

    @Test
    void everyWriteIsRefusedAndTheSeedStaysAsItWas() {
        PrimingAws aws = seeded();
        var before = aws.seed();
        DynamoDbClient dynamo = aws.dynamo();
        Map<String, AttributeValue> item =
                Map.of("streamId", AttributeValue.fromS("x"), "sequence", AttributeValue.fromN("1"));

        assertRefused(() -> dynamo.putItem(b -> b.tableName(TABLE).item(item)));
        assertRefused(() -> dynamo.updateItem(b -> b.tableName(TABLE)
                .key(item)
                .updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("a")))));
        assertRefused(() -> dynamo.deleteItem(b -> b.tableName(TABLE).key(item)));
        assertRefused(() -> dynamo.transactWriteItems(
                b -> b.transactItems(t -> t.put(p -> p.tableName(TABLE).item(item)))));
        assertRefused(() -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of()))));
        assertRefused(() -> aws.client(SqsClient.builder())
                .sendMessage(b -> b.queueUrl("http://q/1/q").messageBody("x")));
        assertRefused(() -> aws.client(SnsClient.builder())
                .publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:t").message("x")));
        assertThatThrownBy(() -> aws.refusing(Runnable.class).run()).hasMessageContaining("refused");

        assertThat(aws.refused())
                .containsExactly(
                        "DynamoDb.PutItem",
                        "DynamoDb.UpdateItem",
                        "DynamoDb.DeleteItem",
                        "DynamoDb.TransactWriteItems",
                        "DynamoDb.BatchWriteItem",
                        "Sqs.SendMessage",
                        "Sns.Publish",
                        "Runnable.run");
        assertThat(aws.seed()).isEqualTo(before);
        assertThat(REACHED).as("requests that left the process").hasValue(0);
    }

    private static void assertRefused(Runnable request) {
        assertThatThrownBy(request::run)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).startsWith(PrimingAws.REFUSED_CODE));
    }
}
