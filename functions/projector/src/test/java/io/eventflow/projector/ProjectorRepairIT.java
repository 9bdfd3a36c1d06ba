package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventJson;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import io.eventflow.streams.DynamoDbStreamRange;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * ProjectorRepairFunction through the real adapters: events appended to EventStoreTable, the failure record Lambda
 * would send for a batch of its stream, the views in OrderViewTable rebuilt from the store.
 */
@ExtendWith(EmulatorExtension.class)
class ProjectorRepairIT {

    @Test
    void aGivenUpBatchOfTheStoresStreamRebuildsItsOrdersViews() {
        String suffix = UUID.randomUUID().toString();
        String eventTable = "events-repair-it-" + suffix;
        String streamArn =
                TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", eventTable);
        String viewTable = "order-view-repair-it-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "OrderViewTable", viewTable);
        EventStore store = new DynamoDbEventStore(AwsClients.dynamo(), eventTable);
        DynamoDbOrderViewRepository views = new DynamoDbOrderViewRepository(AwsClients.dynamo(), viewTable);
        DynamoDbStreamsClient streams =
                AwsClients.configure(DynamoDbStreamsClient.builder()).build();

        List<String> orders = List.of("ORD-R1-" + suffix.substring(0, 6), "ORD-R2-" + suffix.substring(0, 6));
        for (String orderId : orders) {
            List<DomainEvent> events = Views.happyPath(orderId);
            for (int i = 0; i < events.size(); i++) {
                store.append(
                        DomainEvent.streamOf(orderId),
                        i,
                        List.of(SampleEvents.draft(events.get(i), SampleEvents.T0.plusSeconds(i))));
            }
        }
        var shard = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0);
        List<Record> records = new ArrayList<>();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (iterator != null) {
            String current = iterator;
            var page = streams.getRecords(b -> b.shardIterator(current));
            records.addAll(page.records());
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        assertThat(records).hasSize(20); // 2 orders x 5 events, each with its eventId guard
        // The batch given up: from the first order's third event to the second order's second.
        String body = EventJson.mapper()
                .createObjectNode()
                .put("version", "1.0")
                .set(
                        "DDBStreamBatchInfo",
                        EventJson.mapper()
                                .createObjectNode()
                                .put("shardId", shard.shardId())
                                .put(
                                        "startSequenceNumber",
                                        records.get(4).dynamodb().sequenceNumber())
                                .put(
                                        "endSequenceNumber",
                                        records.get(13).dynamodb().sequenceNumber())
                                .put("approximateArrivalOfFirstRecord", "2026-11-28T10:15:30Z")
                                .put("approximateArrivalOfLastRecord", "2026-11-28T10:15:31Z")
                                .put("batchSize", 10)
                                .put("streamArn", streamArn))
                .toString();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        ProjectorRepairHandler handler = new ProjectorRepairHandler(
                new FailedBatchRepair(new DynamoDbStreamRange(streams), new ProjectionRebuild(store, views)),
                eventTable,
                Clock.systemUTC());

        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        for (String orderId : orders) {
            OrderView rebuilt = new ProjectionRebuild(store, new InMemoryOrderViewRepository())
                    .rebuild(orderId)
                    .orElseThrow();
            assertThat(views.find(orderId)).as(orderId).contains(rebuilt);
        }
    }
}
