package io.eventflow.projector;

import io.eventflow.events.PermanentException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryStreamBatchesTest extends StreamBatchesContract {
    private final InMemoryStreamBatches batches = new InMemoryStreamBatches();

    @Override
    protected StreamBatches batches() {
        return batches;
    }

    @Override
    protected List<InMemoryStreamBatches.Written> write(List<String> streamIds) {
        return streamIds.stream().map(id -> batches.write("shardId-1", id)).toList();
    }

    @Test
    void trimmedRecordsArePermanent() {
        InMemoryStreamBatches.Written w = write(List.of("Order-A", "Order-B")).get(0);
        batches.trimBefore(w.sequenceNumber().add(java.math.BigInteger.ONE));

        assertThatThrownBy(() -> batches.streamIds(new FailedStreamBatch(w.streamArn(), w.shardId(), w.sequenceNumber(),
                w.sequenceNumber()))).isInstanceOf(PermanentException.class);
    }

    /** Not in the contract: the emulator answers GetShardIterator for an unknown shard with HTTP 500, AWS with
     * ResourceNotFoundException. */
    @Test
    void aShardThatIsNotThereIsPermanent() {
        InMemoryStreamBatches.Written w = write(List.of("Order-F")).get(0);

        assertThatThrownBy(() -> batches().streamIds(new FailedStreamBatch(w.streamArn(), "shardId-00000000000000000000-00000000",
                w.sequenceNumber(), w.sequenceNumber()))).isInstanceOf(PermanentException.class);
    }
}
