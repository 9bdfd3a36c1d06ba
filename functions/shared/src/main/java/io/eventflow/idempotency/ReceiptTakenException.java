package io.eventflow.idempotency;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The append carrying a {@link Receipt} was refused because its key is recorded already: the work ran before. */
public final class ReceiptTakenException extends RuntimeException {
    private final transient Map<String, AttributeValue> recorded;

    public ReceiptTakenException(String id) {
        this(id, null);
    }

    /** @param recorded the record that refused the append, when the engine returned it (else null: read it) */
    public ReceiptTakenException(String id, Map<String, AttributeValue> recorded) {
        super("idempotency record " + id + " exists: handled before");
        this.recorded = recorded;
    }

    public Map<String, AttributeValue> item() {
        return recorded;
    }
}
