package io.eventflow.idempotency;

/** The append carrying a {@link Receipt} was refused because its key is recorded already: the work ran before. */
public final class ReceiptTakenException extends RuntimeException {
    public ReceiptTakenException(String id) {
        super("idempotency record " + id + " exists: handled before");
    }
}
