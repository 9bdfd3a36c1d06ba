package io.eventflow.replay;

import io.eventflow.events.EventEnvelope;
import io.eventflow.store.EventStore.Position;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What recovery relies on from a stream's sequence range, on DynamoDB Streams (emulator) and the in-memory twin alike. */
abstract class StreamRangeContract {
    /** A record of the shard as the event source mapping saw it. */
    record Seen(String streamArn, String shardId, String sequenceNumber, Optional<Position> event) {
    }

    protected abstract StreamRange range();

    /** Appends one event to a new stream of its own (with its eventId guard item) and returns it. */
    protected abstract EventEnvelope append(String orderId);

    /** Every record of the stream so far, in shard order. */
    protected abstract List<Seen> records();

    static StreamBatchInfo batch(Seen first, Seen last) {
        return StreamBatchInfo.parse(FailureRecordsContract.failureRecord(first.sequenceNumber(), last.sequenceNumber(),
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:01Z"), 2)
                .replace("shardId-0001", first.shardId())
                .replace("arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026", first.streamArn()));
    }

    @Test
    void aRangeGivesTheEventItemsOfItsRecordsInOrderAndNoGuards() {
        append("ORD-R1");
        EventEnvelope b = append("ORD-R2");
        append("ORD-R3");
        List<Seen> seen = records();
        int ofB = seen.indexOf(seen.stream().filter(s -> s.event().map(p -> p.streamId().equals(b.streamId())).orElse(false))
                .findFirst().orElseThrow());
        int from = Math.max(0, ofB - 1);
        int to = Math.min(seen.size() - 1, ofB + 1);
        List<Position> expected = seen.subList(from, to + 1).stream().flatMap(s -> s.event().stream()).toList();

        Optional<List<Position>> got = range().positions(batch(seen.get(from), seen.get(to)));

        assertThat(got).isPresent();
        assertThat(got.get()).containsExactlyElementsOf(expected).contains(new Position(b.streamId(), b.sequence()));
    }

    @Test
    void aRangeTheStreamDoesNotHaveIsAnsweredEmpty() {
        append("ORD-R4");
        Seen any = records().get(0);
        Seen elsewhere = new Seen(any.streamArn(), any.shardId() + "-gone", any.sequenceNumber(), Optional.empty());

        assertThat(range().positions(batch(elsewhere, elsewhere))).isEmpty();
    }
}
