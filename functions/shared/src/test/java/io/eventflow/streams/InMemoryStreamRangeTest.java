package io.eventflow.streams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.store.EventStore.Position;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream-range contract on the in-memory twin, and what only the twin can show. */
class InMemoryStreamRangeTest extends StreamRangeContract {
    private final InMemoryStreamRange range = new InMemoryStreamRange();
    private final Map<String, Long> versions = new HashMap<>();

    @Override
    protected StreamRange range() {
        return range;
    }

    @Override
    protected Position append(String orderId) {
        long sequence = versions.merge(orderId, 1L, Long::sum);
        InMemoryStreamRange.Entry e = range.event("Order-" + orderId, sequence);
        range.guard();
        return e.event().orElseThrow();
    }

    @Override
    protected List<Seen> records() {
        return range.records().stream()
                .map(r -> new Seen(r.streamArn(), r.shardId(), r.sequenceNumber(), r.event()))
                .toList();
    }

    /** Not in the contract: the emulator cannot trim a stream. */
    @Test
    void trimmedRecordsAreUnavailable() {
        InMemoryStreamRange.Entry e = range.event("Order-ORD-T", 1);
        range.trimBefore(e.sequenceNumber().add(BigInteger.ONE));
        Seen s = new Seen(e.streamArn(), e.shardId(), e.sequenceNumber(), e.event());

        assertThatThrownBy(() -> range.positions(batch(s, s))).isInstanceOf(StreamRangeUnavailableException.class);
    }

    /** Not in the contract: the emulator answers GetShardIterator for an unknown shard with HTTP 500, AWS with
     * ResourceNotFoundException. */
    @Test
    void aShardThatIsNotThereIsUnavailable() {
        InMemoryStreamRange.Entry e = range.event("Order-ORD-S", 1);
        Seen s = new Seen(e.streamArn(), "shardId-00000000000000000000-00000000", e.sequenceNumber(), e.event());

        assertThatThrownBy(() -> range.positions(batch(s, s))).isInstanceOf(StreamRangeUnavailableException.class);
    }
}
