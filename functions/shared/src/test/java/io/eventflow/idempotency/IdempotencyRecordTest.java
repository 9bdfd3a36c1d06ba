package io.eventflow.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a repeat gets from a taken key's record: the one decision both stores (and the event store's receipts) share. */
class IdempotencyRecordTest {

    @Test
    void aCompletedRecordAnswersWithItsResult() {
        assertThat(new IdempotencyRecord(true, "placed ORD-1", "h1").repeat("api", "k", "h1"))
                .isEqualTo(new IdempotencyStore.Outcome("placed ORD-1", false));
        assertThat(new IdempotencyRecord(true, null, null).repeat("api", "k", null))
                .isEqualTo(new IdempotencyStore.Outcome("", false));
    }

    @Test
    void anotherInputIsAMismatchEvenWhenCompleted() {
        assertThatThrownBy(() -> new IdempotencyRecord(true, "r", "h1").repeat("api", "k", "h2"))
                .isInstanceOf(IdempotencyKeyMismatchException.class);
    }

    @Test
    void aHashOnOneSideOnlyIsNoMismatch() {
        assertThat(new IdempotencyRecord(true, "r", null)
                        .repeat("api", "k", "h2")
                        .result())
                .isEqualTo("r");
        assertThat(new IdempotencyRecord(true, "r", "h1")
                        .repeat("api", "k", null)
                        .result())
                .isEqualTo("r");
    }

    @Test
    void aRecordInProgressIsRetryable() {
        assertThatThrownBy(() -> new IdempotencyRecord(false, null, "h1").repeat("api", "k", "h1"))
                .isInstanceOf(IdempotencyInProgressException.class);
    }
}
