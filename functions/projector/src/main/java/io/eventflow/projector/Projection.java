package io.eventflow.projector;

/** What projecting one stored event did to the read model. */
public sealed interface Projection {

    /** The event was the next one: the view now includes it. */
    record Applied(OrderView view) implements Projection {}

    /** The view already includes this event (a redelivery): nothing to do. */
    record AlreadyApplied(long viewVersion, long sequence) implements Projection {}

    /**
     * The view was behind this event: the {@code fromStore} events between were read from the event store and
     * applied in order before it.
     */
    record Repaired(OrderView view, long fromStore) implements Projection {}

    /** Not an event of an order stream: this projection has nothing to show for it. */
    record Ignored(String streamId) implements Projection {}
}
