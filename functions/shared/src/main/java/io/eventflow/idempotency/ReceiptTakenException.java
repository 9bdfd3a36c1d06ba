package io.eventflow.idempotency;

import java.util.Optional;

/** The append carrying a {@link Receipt} was refused because its key is recorded already: the work ran before. */
public final class ReceiptTakenException extends RuntimeException {
    private final transient IdempotencyRecord recorded;

    public ReceiptTakenException(String id) {
        this(id, null);
    }

    /** @param recorded the record that refused the append, when the store returned it (else null: read it) */
    public ReceiptTakenException(String id, IdempotencyRecord recorded) {
        super("idempotency record " + id + " exists: handled before");
        this.recorded = recorded;
    }

    /** The record that refused the append, when the store returned it with the refusal. */
    public Optional<IdempotencyRecord> recorded() {
        return Optional.ofNullable(recorded);
    }
}
