package io.eventflow.idempotency;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore store(TestClock clock) {
        return new InMemoryIdempotencyStore(clock, SETTINGS);
    }
}
