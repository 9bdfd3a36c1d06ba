package io.eventflow.testkit;

import java.time.Duration;
import java.util.Map;

/**
 * Faults for the current test (switched off after it), injected by the chaos module's proxy between the functions
 * (and the runtime's pollers) and the engine. Only the in-process targets ({@code local}, {@code localstack}) put
 * a proxy there; on the others every method refuses with the reason.
 */
public interface Faults {
    /** Every message's first delivery comes back once more (its delete is dropped and answered as done). */
    Faults duplicates();

    /** Every message's first delivery is held back a visibility timeout, behind later ones; batches are shuffled. */
    Faults reorder();

    /** Every batch with a first delivery "crashes" after its handler ran: none of its deletes reach the queue. */
    Faults crashBatches();

    /** From now on, for {@code duration}, the engine refuses every request (503 ServiceUnavailable). */
    Faults outage(Duration duration);

    /** What was injected so far in this test (duplicateDeliveries, heldBackDeliveries, crashedBatches, ...). */
    Map<String, Long> injected();

    /** The faults of a target that has no proxy between its functions and AWS. */
    static Faults refused(String reason) {
        return new Faults() {
            private UnsupportedOperationException refuse() {
                return new UnsupportedOperationException(
                        "fault injection needs the in-process runtime (target local or localstack): " + reason);
            }

            @Override
            public Faults duplicates() {
                throw refuse();
            }

            @Override
            public Faults reorder() {
                throw refuse();
            }

            @Override
            public Faults crashBatches() {
                throw refuse();
            }

            @Override
            public Faults outage(Duration duration) {
                throw refuse();
            }

            @Override
            public Map<String, Long> injected() {
                throw refuse();
            }
        };
    }
}
