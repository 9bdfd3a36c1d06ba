package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.order.OrderStatus;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ProjectorFunction through the real adapters: events appended to EventStoreTable by DynamoDbEventStore,
 * their stored items turned into stream records, delivered over two "shards" (DynamoDB Streams orders
 * changes per item only, so events of one order can arrive out of order), retried from the reported
 * sequence number as Lambda does; a view behind a record reads the missing events from EventStoreTable, and
 * the view in OrderViewTable converges to the rebuild from the store.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // its handler fed its SQS event directly, on DynamoDB alone
class ProjectorIT {
    private static String eventTable;
    private static EventStore store;
    private static DynamoDbOrderViewRepository views;

    @BeforeAll
    static void createTables() {
        String suffix = UUID.randomUUID().toString();
        eventTable = "events-projector-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", eventTable);
        String viewTable = "order-view-projector-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "OrderViewTable", viewTable);
        store = new DynamoDbEventStore(AwsClients.dynamo(), eventTable);
        views = new DynamoDbOrderViewRepository(AwsClients.dynamo(), viewTable);
    }

    @Test
    void outOfOrderDeliveryConvergesToTheRebuiltView() {
        String orderId = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        List<DomainEvent> events = Views.happyPath(orderId);
        for (int i = 0; i < events.size(); i++) {
            store.append(
                    DomainEvent.streamOf(orderId),
                    i,
                    List.of(SampleEvents.draft(events.get(i), SampleEvents.T0.plusSeconds(i))));
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = streamRecordsOf(orderId);
        assertThat(records).hasSize(10); // 5 events + 5 eventId guards

        // Two shards, the later events in the shard that is polled first.
        Deque<DynamodbEvent.DynamodbStreamRecord> shardA = new ArrayDeque<>();
        Deque<DynamodbEvent.DynamodbStreamRecord> shardB = new ArrayDeque<>();
        for (int i = 0; i < records.size(); i++) {
            (i % 4 < 2 ? shardB : shardA).add(records.get(i));
        }
        ProjectorHandler handler = new ProjectorHandler(new OrderProjector(views, store), Clock.systemUTC());
        int invocations = 0;
        while ((!shardA.isEmpty() || !shardB.isEmpty()) && invocations < 20) {
            for (Deque<DynamodbEvent.DynamodbStreamRecord> shard : List.of(shardA, shardB)) {
                if (!shard.isEmpty()) {
                    deliver(handler, shard);
                    invocations++;
                }
            }
        }
        assertThat(shardA).isEmpty();
        assertThat(shardB).isEmpty();
        // a gap is filled from the store at once: each shard is delivered once, nothing is refused
        assertThat(invocations).as("gaps filled from the store, no retries").isEqualTo(2);

        OrderView projected = views.find(orderId).orElseThrow();
        assertThat(projected.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(projected.version()).isEqualTo(5);
        assertThat(projected.timeline()).extracting(TimelineEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(new ProjectionRebuild(store, views).rebuild(orderId)).contains(projected);
        assertThat(views.find(orderId)).contains(projected);
    }

    /** One invocation with the shard's pending records; like Lambda, keep the batch from the failed record on. */
    private static void deliver(ProjectorHandler handler, Deque<DynamodbEvent.DynamodbStreamRecord> shard) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(shard));
        StreamsEventResponse response = handler.handleRequest(event, null);
        if (response.getBatchItemFailures().isEmpty()) {
            shard.clear();
            return;
        }
        String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
        while (!shard.isEmpty()
                && !shard.peekFirst().getDynamodb().getSequenceNumber().equals(failed)) {
            shard.removeFirst();
        }
    }

    /** The stored items of the order (events and guards) as INSERT records, in write order. */
    private static List<DynamodbEvent.DynamodbStreamRecord> streamRecordsOf(String orderId) {
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new ArrayList<>();
        AwsClients.dynamo().scanPaginator(b -> b.tableName(eventTable)).items().forEach(item -> {
            String stream = item.get("streamId").s();
            String owner = item.containsKey("eventStreamId")
                    ? item.get("eventStreamId").s()
                    : stream;
            if (owner.equals(DomainEvent.streamOf(orderId))) {
                items.add(item);
            }
        });
        items.sort(Comparator.comparingLong(
                        (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> i) ->
                                Long.parseLong(
                                        i.containsKey("eventSequence")
                                                ? i.get("eventSequence").n()
                                                : i.get("sequence").n()))
                .thenComparing(i -> i.containsKey("eventSequence")));
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> image = new HashMap<>();
            items.get(i)
                    .forEach((k, v) -> image.put(
                            k, v.s() != null ? new AttributeValue().withS(v.s()) : new AttributeValue().withN(v.n())));
            StreamRecord dynamodb = new StreamRecord()
                    .withKeys(Map.of("streamId", image.get("streamId"), "sequence", image.get("sequence")))
                    .withNewImage(image)
                    .withSequenceNumber(String.format("%030d", 1_000 + i))
                    .withStreamViewType(
                            com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_IMAGE);
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setEventSource("aws:dynamodb");
            record.setDynamodb(dynamodb);
            out.add(record);
        }
        return out;
    }
}
