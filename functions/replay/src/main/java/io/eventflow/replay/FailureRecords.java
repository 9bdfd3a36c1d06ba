package io.eventflow.replay;

import java.util.List;

/**
 * The relay's on-failure destination (RelayFailureQueue) as recovery reads it: SQS in production
 * ({@link SqsFailureRecords}), an in-memory twin in unit tests; one contract suite keeps them alike.
 */
public interface FailureRecords {
    /** One failure record as received; {@code handle} deletes it. */
    record Received(String messageId, String handle, String body) {}

    /**
     * Up to {@code max} records (at most 10), each hidden from further receives for {@code hiddenSeconds}: a record
     * not deleted by then comes back.
     */
    List<Received> receive(int max, int hiddenSeconds);

    /** Removes a received record for good. */
    void delete(Received record);

    /** Makes a received record receivable again at once (it was not recovered, or only counted). */
    void release(Received record);
}
