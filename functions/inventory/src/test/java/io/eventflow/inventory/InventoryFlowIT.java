package io.eventflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReleased;
import io.eventflow.events.LineItem;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * InventoryFunction as Lambda builds it (no-arg constructor, tables from the environment) on the real
 * DynamoDB adapters against the emulator: event store, idempotency store and inventory table.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // its handler fed its SQS event directly, on DynamoDB alone
class InventoryFlowIT {
    private static final List<String> SETTINGS = List.of("EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE", "INVENTORY_TABLE");
    private static EventStore events;
    private static InventoryRepository stock;
    private static InventoryHandler handler;

    @BeforeAll
    static void tablesAndHandler() {
        String suffix = UUID.randomUUID().toString();
        List<String> logicalIds = List.of("EventStoreTable", "IdempotencyTable", "InventoryTable");
        for (int i = 0; i < logicalIds.size(); i++) {
            String name = "inventory-flow-" + logicalIds.get(i) + "-" + suffix;
            TableProvisioner.create(AwsClients.dynamo(), Template.project(), logicalIds.get(i), name);
            io.eventflow.aws.TestEnvironment.set(SETTINGS.get(i), name);
        }
        events = new DynamoDbEventStore(AwsClients.dynamo(), io.eventflow.aws.Environment.require("EVENT_STORE_TABLE"));
        stock = new DynamoDbInventoryRepository(
                AwsClients.dynamo(), io.eventflow.aws.Environment.require("INVENTORY_TABLE"), Clock.systemUTC());
        handler = new InventoryHandler();
    }

    @AfterAll
    static void clearSettings() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    /** Delivers like SQS: a message reported as failed comes back, up to a bound. */
    private static void deliverUntilDone(SQSEvent message) {
        for (int receive = 1; receive <= 10; receive++) {
            SQSBatchResponse response = handler.handleRequest(message, null);
            if (response.getBatchItemFailures().isEmpty()) {
                return;
            }
            message.getRecords().forEach(m -> m.getAttributes().put("ApproximateReceiveCount", "2"));
        }
        throw new AssertionError("message still failing after 10 receives");
    }

    private static EventEnvelope place(String orderId, String sku, int quantity) {
        EventEnvelope draft = EventCodec.draft(
                new OrderPlaced(
                        orderId,
                        "CUST-42",
                        null,
                        null,
                        List.of(new LineItem(sku, quantity, 1000)),
                        "EUR",
                        quantity * 1000L),
                Ids.random(),
                Instant.now(),
                "eventflow.orders",
                "corr-" + orderId,
                null);
        events.append("Order-" + orderId, 0, List.of(draft));
        return events.readStream("Order-" + orderId, 1).get(0);
    }

    private static List<String> types(String orderId) {
        return events.readStream("Order-" + orderId, 1).stream()
                .map(EventEnvelope::eventType)
                .toList();
    }

    @Test
    void twoOrdersForTheLastUnitsOneWinsAndItsReleaseRestocks() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String sku = "LAST-" + suffix;
        stock.seed(sku, 3);
        List<String> orders = List.of("ORD-A-" + suffix, "ORD-B-" + suffix);
        List<EventEnvelope> placed = orders.stream().map(o -> place(o, sku, 2)).toList();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (EventEnvelope p : placed) {
                SQSEvent message = TestEvents.message(p);
                runs.add(pool.submit(() -> {
                    go.await();
                    deliverUntilDone(message);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<List<String>> outcomes =
                orders.stream().map(InventoryFlowIT::types).toList();
        assertThat(outcomes)
                .containsExactlyInAnyOrder(
                        List.of("OrderPlaced", "InventoryReserved"), List.of("OrderPlaced", "InventoryRejected"));
        assertThat(stock.available(sku)).isEqualTo(1);

        int winner = outcomes.get(0).contains("InventoryReserved") ? 0 : 1;
        String orderId = orders.get(winner);
        deliverUntilDone(TestEvents.message(placed.get(winner))); // a duplicate takes nothing more
        assertThat(stock.available(sku)).isEqualTo(1);

        // the saga's compensation after a declined payment
        List<LineItem> items = List.of(new LineItem(sku, 2, 1000));
        EventEnvelope released = EventCodec.draft(
                new InventoryReleased(orderId, items, "payment declined"),
                Ids.random(),
                Instant.now(),
                "eventflow.saga",
                "corr-" + orderId,
                null);
        events.append(
                "Order-" + orderId,
                2,
                List.of(
                        EventCodec.draft(
                                new PaymentDeclined(orderId, "card declined"),
                                Ids.random(),
                                Instant.now(),
                                "eventflow.payment",
                                "corr-" + orderId,
                                null),
                        EventCodec.draft(
                                new OrderCancelled(orderId, "payment declined"),
                                Ids.random(),
                                Instant.now(),
                                "eventflow.saga",
                                "corr-" + orderId,
                                null),
                        released));
        EventEnvelope storedRelease = events.readStream("Order-" + orderId, 5).get(0);
        deliverUntilDone(TestEvents.message(storedRelease));
        assertThat(stock.available(sku)).isEqualTo(3);
        deliverUntilDone(TestEvents.message(storedRelease));
        assertThat(stock.available(sku)).isEqualTo(3);
    }
}
