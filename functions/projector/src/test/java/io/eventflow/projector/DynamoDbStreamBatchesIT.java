package io.eventflow.projector;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.store.EventItems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The contract through the SDK adapter against EventStoreTable's stream on the emulator. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbStreamBatchesIT extends StreamBatchesContract {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static String table;
    private static String streamArn;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void createTable() {
        table = "events-stream-batches-it-" + UUID.randomUUID();
        streamArn = TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", table);
        streams = AwsClients.configure(DynamoDbStreamsClient.builder()).build();
    }

    @Override
    protected StreamBatches batches() {
        return new DynamoDbStreamBatches(streams);
    }

    @Override
    protected List<InMemoryStreamBatches.Written> write(List<String> streamIds) {
        List<String> keys = new ArrayList<>();
        for (String id : streamIds) {
            String sequence = String.valueOf(SEQUENCE.incrementAndGet());
            AwsClients.dynamo().putItem(b -> b.tableName(table).item(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(id),
                    EventItems.SEQUENCE, AttributeValue.fromN(sequence))));
            keys.add(id + "/" + sequence);
        }
        Map<String, InMemoryStreamBatches.Written> landed = new HashMap<>();
        for (var shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(b -> b.shardIterator(current));
                for (Record r : page.records()) {
                    String key = r.dynamodb().keys().get(EventItems.STREAM_ID).s() + "/" + r.dynamodb().keys().get(EventItems.SEQUENCE).n();
                    landed.put(key, new InMemoryStreamBatches.Written(streamArn, shard.shardId(),
                            new BigInteger(r.dynamodb().sequenceNumber()), r.dynamodb().keys().get(EventItems.STREAM_ID).s()));
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return keys.stream().map(landed::get).toList();
    }
}
