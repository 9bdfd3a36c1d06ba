package io.eventflow.streams;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventItems;
import io.eventflow.store.EventStore;
import io.eventflow.store.EventStore.Position;
import io.eventflow.testing.SampleEvents;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The stream-range contract on a real EventStoreTable stream of the emulator, through the SDK adapter. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbStreamRangeIT extends StreamRangeContract {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static DynamoDbStreamsClient streams;
    private static EventStore store;
    private static String streamArn;

    @BeforeAll
    static void table() {
        String table = "stream-range-" + RUN;
        streamArn = TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", table);
        store = new DynamoDbEventStore(AwsClients.dynamo(), table);
        streams = AwsClients.configure(DynamoDbStreamsClient.builder()).build();
    }

    @Override
    protected StreamRange range() {
        return new DynamoDbStreamRange(streams);
    }

    @Override
    protected Position append(String orderId) {
        String order = orderId + "-" + RUN;
        String streamId = DomainEvent.streamOf(order);
        long version = store.currentVersion(streamId);
        store.append(streamId, version, List.of(SampleEvents.draft(SampleEvents.orderPlaced(order))));
        return new Position(streamId, version + 1);
    }

    @Override
    protected List<Seen> records() {
        List<Seen> out = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(streamArn)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (it != null) {
                String current = it;
                var got = streams.getRecords(b -> b.shardIterator(current));
                for (Record r : got.records()) {
                    Map<String, AttributeValue> image = r.dynamodb().newImage();
                    boolean event = image != null
                            && image.get(EventItems.KIND) != null
                            && EventItems.KIND_EVENT.equals(
                                    image.get(EventItems.KIND).s());
                    out.add(new Seen(
                            streamArn,
                            shard.shardId(),
                            new BigInteger(r.dynamodb().sequenceNumber()),
                            event
                                    ? Optional.of(new Position(
                                            image.get(EventItems.STREAM_ID).s(),
                                            Long.parseLong(image.get(EventItems.SEQUENCE)
                                                    .n())))
                                    : Optional.empty()));
                }
                it = got.records().isEmpty() ? null : got.nextShardIterator();
            }
        }
        return out;
    }
}
