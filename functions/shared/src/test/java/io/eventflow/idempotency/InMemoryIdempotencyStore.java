package io.eventflow.idempotency;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The in-memory twin of {@link DynamoDbIdempotencyStore}; kept honest by {@link IdempotencyStoreContract}. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Rec(IdempotencyRecord state, long expiresAtS, long inProgressUntilMs) {}

    private final Map<String, Rec> records = new HashMap<>();
    private final Clock clock;
    private final IdempotencySettings settings;

    public InMemoryIdempotencyStore(Clock clock, IdempotencySettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    public InMemoryIdempotencyStore() {
        this(Clock.systemUTC(), IdempotencySettings.DEFAULT);
    }

    @Override
    public Outcome processOnce(String consumer, String key, String payloadHash, Supplier<String> work) {
        String id = consumer + "#" + key;
        synchronized (this) {
            long nowMs = clock.millis();
            Rec r = records.get(id);
            boolean free =
                    r == null || r.expiresAtS < nowMs / 1000 || (!r.state.completed() && r.inProgressUntilMs < nowMs);
            if (!free) {
                return r.state.repeat(consumer, key, payloadHash);
            }
            records.put(
                    id,
                    new Rec(
                            new IdempotencyRecord(false, null, payloadHash),
                            nowMs / 1000 + settings.recordTtl().toSeconds(),
                            nowMs + settings.inProgressTimeout().toMillis()));
        }
        String result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                records.remove(id);
            }
            throw e;
        }
        String recorded = result == null ? "" : result;
        synchronized (this) {
            Rec r = records.get(id);
            records.put(
                    id,
                    new Rec(
                            new IdempotencyRecord(true, recorded, r.state.payloadHash()),
                            r.expiresAtS,
                            r.inProgressUntilMs));
        }
        return new Outcome(recorded, true);
    }
}
