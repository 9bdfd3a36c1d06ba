package io.eventflow.idempotency;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    private final io.eventflow.store.EventStore events = new io.eventflow.store.InMemoryEventStore();

    @Override
    protected io.eventflow.store.EventStore events() {
        return events;
    }

    @Override
    protected IdempotencyStore store(TestClock clock) {
        return new InMemoryIdempotencyStore(clock, SETTINGS);
    }
}
