package io.eventflow.replay;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventItems;
import io.eventflow.store.EventStore;
import io.eventflow.store.EventStore.Position;
import io.eventflow.testing.SampleEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The stream-range contract on a real EventStoreTable stream of the emulator, through the SDK adapter. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbStreamRangeIT extends StreamRangeContract {
    private static final DynamoDbStreamsClient STREAMS = AwsClients.configure(DynamoDbStreamsClient.builder()).build();
    private static EventStore store;
    private static String streamArn;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void table() {
        String table = "stream-range-" + RUN;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", table);
        store = new DynamoDbEventStore(AwsClients.dynamo(), table);
        streamArn = AwsClients.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    @Override
    protected StreamRange range() {
        return new DynamoDbStreamRange(STREAMS);
    }

    @Override
    protected EventEnvelope append(String orderId) {
        return Stored.append(store, SampleEvents.orderPlaced(orderId + "-" + RUN), Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Override
    protected List<Seen> records() {
        List<Seen> out = new ArrayList<>();
        for (Shard shard : STREAMS.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String it = STREAMS.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int page = 0; page < 10 && it != null; page++) {
                String current = it;
                var got = STREAMS.getRecords(b -> b.shardIterator(current).limit(100));
                for (Record r : got.records()) {
                    Map<String, AttributeValue> image = r.dynamodb().newImage();
                    boolean event = image != null && image.get(EventItems.KIND) != null
                            && EventItems.KIND_EVENT.equals(image.get(EventItems.KIND).s());
                    out.add(new Seen(streamArn, shard.shardId(), r.dynamodb().sequenceNumber(), event
                            ? Optional.of(new Position(image.get(EventItems.STREAM_ID).s(), Long.parseLong(image.get(EventItems.SEQUENCE).n())))
                            : Optional.empty()));
                }
                if (got.records().isEmpty()) {
                    break;
                }
                it = got.nextShardIterator();
            }
        }
        return out;
    }
}
