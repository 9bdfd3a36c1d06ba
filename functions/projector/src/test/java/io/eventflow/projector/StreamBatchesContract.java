package io.eventflow.projector;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed batch's records read back as, for the SDK adapter and its twin alike. */
abstract class StreamBatchesContract {

    protected abstract StreamBatches batches();

    /** Writes event store keys (streamId, sequence) in this order, one shard; returns where each landed. */
    protected abstract List<InMemoryStreamBatches.Written> write(List<String> streamIds);

    @Test
    void aBatchReadsBackAsTheKeysOfItsRecordsInStreamOrder() {
        List<InMemoryStreamBatches.Written> w = write(List.of("Order-A", "Order-B", "$eventId#e-1", "Order-A", "Order-C"));

        List<String> ids = batches().streamIds(new FailedStreamBatch(w.get(1).streamArn(), w.get(1).shardId(),
                w.get(1).sequenceNumber(), w.get(3).sequenceNumber()));

        assertThat(ids).containsExactly("Order-B", "$eventId#e-1", "Order-A");
    }

    @Test
    void aOneRecordBatchIsThatRecord() {
        List<InMemoryStreamBatches.Written> w = write(List.of("Order-D", "Order-E"));

        assertThat(batches().streamIds(new FailedStreamBatch(w.get(1).streamArn(), w.get(1).shardId(),
                w.get(1).sequenceNumber(), w.get(1).sequenceNumber()))).containsExactly("Order-E");
    }
}
