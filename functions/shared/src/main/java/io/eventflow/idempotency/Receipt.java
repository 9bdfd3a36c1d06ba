package io.eventflow.idempotency;

/**
 * The COMPLETED idempotency record of one (consumer, key), handed to work whose effect is an event-store append so
 * that the append writes it in its own transaction ({@link IdempotencyStore#processWithAppend}). The work states its
 * result before appending; an event store that can write the record marks it written.
 */
public final class Receipt {
    private final String table;
    private final String id;
    private final long nowMs;
    private final long expiresAtS;
    private volatile String result = "";
    private volatile String payloadHash;
    private volatile boolean written;

    Receipt(String table, String id, long nowMs, long expiresAtS) {
        this.table = table;
        this.id = id;
        this.nowMs = nowMs;
        this.expiresAtS = expiresAtS;
    }

    /** A receipt no store writes (twins, work without an idempotency store): the caller records the result itself. */
    public static Receipt none() {
        return new Receipt(null, null, 0, 0);
    }

    /** The result a repeat will get; set before the append that carries the receipt. */
    public Receipt result(String result) {
        this.result = result == null ? "" : result;
        return this;
    }

    public String result() {
        return result;
    }

    /** The hash of the input the record is for (an API request body), or null. */
    public Receipt payloadHash(String hash) {
        this.payloadHash = hash;
        return this;
    }

    public String payloadHash() {
        return payloadHash;
    }

    /** The idempotency table, or null when no store writes this receipt. */
    public String table() {
        return table;
    }

    public String id() {
        return id;
    }

    public long nowMs() {
        return nowMs;
    }

    public long expiresAtS() {
        return expiresAtS;
    }

    /** Called by the event store once the transaction holding the record committed. */
    public void markWritten() {
        written = true;
    }

    public boolean written() {
        return written;
    }
}
