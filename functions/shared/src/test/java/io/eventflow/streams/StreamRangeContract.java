package io.eventflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.RetryableException;
import io.eventflow.store.EventStore.Position;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a failure record's range reads back as, on DynamoDB Streams (emulator) and the in-memory twin alike. */
public abstract class StreamRangeContract {
    /** A record of the shard as the event source mapping saw it: the event item it wrote, or none (a guard). */
    public record Seen(String streamArn, String shardId, BigInteger sequenceNumber, Optional<Position> event) {}

    protected abstract StreamRange range();

    /** Appends the next event of the order's stream (with its eventId guard item) and returns its position. */
    protected abstract Position append(String orderId);

    /** Every record of the stream so far, in shard order. */
    protected abstract List<Seen> records();

    /** The failure record of a batch from {@code first} to {@code last}, as Lambda would send it. */
    public static StreamFailureRecord batch(Seen first, Seen last) {
        return new StreamFailureRecord(
                first.streamArn(),
                first.streamArn().split("/")[1],
                first.shardId(),
                first.sequenceNumber(),
                last.sequenceNumber(),
                Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:00:01Z"),
                2,
                "RecordAgeExceeded");
    }

    private Seen of(Position p) {
        return records().stream()
                .filter(s -> s.event().equals(Optional.of(p)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRangeGivesTheEventItemsOfItsRecordsInStreamOrderRepeatsIncludedAndNoGuards() {
        Position a1 = append("ORD-R1");
        Position b1 = append("ORD-R2");
        Position a2 = append("ORD-R1");
        Position c1 = append("ORD-R3");
        append("ORD-R4");

        List<Position> got = range().positions(batch(of(b1), of(c1)));

        assertThat(got).containsExactly(b1, a2, c1).doesNotContain(a1);
        assertThat(got).extracting(Position::streamId).allMatch(id -> id.startsWith("Order-"));
    }

    @Test
    void aOneRecordRangeIsThatRecord() {
        append("ORD-R5");
        Position only = append("ORD-R6");

        assertThat(range().positions(batch(of(only), of(only)))).containsExactly(only);
    }

    @Test
    void aRangeOfAStreamThatIsGoneIsUnavailable() {
        Seen any = of(append("ORD-R7"));
        String gone = any.streamArn().replaceFirst("table/[^/]+/", "table/no-such-table-" + System.nanoTime() + "/");
        Seen elsewhere = new Seen(gone, any.shardId(), any.sequenceNumber(), Optional.empty());

        assertThatThrownBy(() -> range().positions(batch(elsewhere, elsewhere)))
                .isInstanceOf(StreamRangeUnavailableException.class);
    }

    @Test
    void aRangeWhoseEndTheStreamHasNotShownIsRetryable() {
        Seen first = of(append("ORD-R8"));
        Seen beyond = new Seen(
                first.streamArn(),
                first.shardId(),
                first.sequenceNumber().add(BigInteger.TEN.pow(6)),
                Optional.empty());

        assertThatThrownBy(() -> range().positions(batch(first, beyond))).isInstanceOf(RetryableException.class);
    }
}
