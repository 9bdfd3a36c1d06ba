package io.eventflow.idempotency;

import io.eventflow.events.RetryableException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link IdempotencyStore} on a DynamoDB table with pk {@code id} and TTL on {@code expiration}
 * (epoch seconds). TTL deletion is lazy on AWS, so expiry is also checked in the condition.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    private static final String IN_PROGRESS = "INPROGRESS";
    private static final String COMPLETED = "COMPLETED";
    /**
     * How long a bookkeeping write (completion, cleanup) is retried inside the invocation: longer than the
     * 10 s dependency outage the chaos run injects, shorter than the function timeout (Deadlines). Given up, the record
     * stays INPROGRESS until inProgressTimeout and a redelivery after that would repeat the effect.
     */
    static final long PERSIST_BUDGET_MS = 14_000;

    private static final long PERSIST_MAX_BACKOFF_MS = 2_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final IdempotencySettings settings;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock, IdempotencySettings settings) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Outcome processOnce(String consumer, String key, String payloadHash, Supplier<String> work) {
        String id = consumer + "#" + key;
        long nowMs = clock.millis();
        Outcome handled = Redelivery.current() ? completed(consumer, key, id, payloadHash, nowMs) : null;
        if (handled != null) {
            return handled;
        }
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "id", s(id),
                "status", s(IN_PROGRESS),
                "expiration", n(nowMs / 1000 + settings.recordTtl().toSeconds()),
                "inProgressExpiry", n(nowMs + settings.inProgressTimeout().toMillis())));
        if (payloadHash != null) {
            item.put("payloadHash", s(payloadHash));
        }
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression(FREE)
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(freeValues(nowMs))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException taken) {
            return existing(consumer, key, id, payloadHash, recordOf(taken.item()));
        } catch (SdkException e) {
            throw new RetryableException("idempotency store unavailable: " + e.getMessage(), e);
        }
        String result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            // Leave no record: the next delivery must run the work again.
            try {
                persistently(() -> dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", s(id)))));
            } catch (SdkException cleanup) {
                failure.addSuppressed(cleanup); // the record expires after the in-progress timeout instead
            }
            throw failure;
        }
        String recorded = result == null ? "" : result;
        try {
            // The effect has happened: losing this write would let a redelivery after the in-progress timeout
            // repeat it, so it is retried through a short outage rather than given up at once.
            persistently(() -> dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s(id)))
                    .updateExpression("SET #st = :done, #r = :r")
                    .expressionAttributeNames(Map.of("#st", "status", "#r", "result"))
                    .expressionAttributeValues(Map.of(":done", s(COMPLETED), ":r", s(recorded)))));
        } catch (SdkException e) {
            throw new RetryableException("work done but its record could not be completed: " + e.getMessage(), e);
        }
        return new Outcome(recorded, true);
    }

    @Override
    public Outcome processWithAppend(
            String consumer, String key, String payloadHash, java.util.function.Function<Receipt, String> work) {
        String id = consumer + "#" + key;
        long nowMs = clock.millis();
        Outcome handled = Redelivery.current() ? completed(consumer, key, id, payloadHash, nowMs) : null;
        if (handled != null) {
            return handled;
        }
        Receipt receipt = new Receipt(
                        table, id, nowMs, nowMs / 1000 + settings.recordTtl().toSeconds())
                .payloadHash(payloadHash);
        String result;
        try {
            result = work.apply(receipt);
        } catch (ReceiptTakenException taken) {
            return existing(consumer, key, id, payloadHash, taken.recorded().orElse(null));
        }
        String recorded = result == null ? "" : result;
        if (!receipt.written()) {
            // Nothing appended (ignored, skipped, a duplicate append): the result is recorded alone.
            try {
                persistently(() -> dynamo.putItem(b -> b.tableName(table)
                        .item(completedItem(receipt.result(recorded)))
                        .conditionExpression(FREE)
                        .expressionAttributeNames(Map.of("#st", "status"))
                        .expressionAttributeValues(freeValues(nowMs))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            } catch (ConditionalCheckFailedException repeat) {
                return existing(consumer, key, id, payloadHash, recordOf(repeat.item()));
            } catch (SdkException e) {
                throw new RetryableException("work done but its record could not be written: " + e.getMessage(), e);
            }
        }
        return new Outcome(recorded, true);
    }

    /** The key is free: never recorded, expired, or an abandoned INPROGRESS record. */
    public static final String FREE =
            "attribute_not_exists(id) OR expiration < :nowS OR (#st = :inprog AND inProgressExpiry < :nowMs)";

    /** Values of {@link #FREE} (its one name is {@code #st} = status). */
    public static Map<String, AttributeValue> freeValues(long nowMs) {
        return Map.of(":nowS", n(nowMs / 1000), ":nowMs", n(nowMs), ":inprog", s(IN_PROGRESS));
    }

    /** The COMPLETED record a {@link Receipt} stands for. */
    public static Map<String, AttributeValue> completedItem(Receipt receipt) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "id",
                s(receipt.id()),
                "status",
                s(COMPLETED),
                "result",
                s(receipt.result()),
                "expiration",
                n(receipt.expiresAtS())));
        if (receipt.payloadHash() != null) {
            item.put("payloadHash", s(receipt.payloadHash()));
        }
        return item;
    }

    /** Retries a bookkeeping write for up to {@link #PERSIST_BUDGET_MS} (waits 100 ms doubling to 2 s). */
    private static void persistently(Runnable write) {
        long deadline = System.nanoTime() + PERSIST_BUDGET_MS * 1_000_000;
        long backoffMs = 100;
        while (true) {
            try {
                write.run();
                return;
            } catch (ConditionalCheckFailedException answer) {
                throw answer; // an answer, not an outage
            } catch (SdkException e) {
                if (System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(backoffMs * 2, PERSIST_MAX_BACKOFF_MS);
            }
        }
    }

    /**
     * A redelivered message's record read first (consistent): the recorded outcome when the key is COMPLETED and not
     * expired, else null (absent, expired or in progress: the caller takes its usual path, which decides).
     */
    private Outcome completed(String consumer, String key, String id, String payloadHash, long nowMs) {
        Map<String, AttributeValue> stored;
        try {
            stored = read(id);
        } catch (SdkException e) {
            throw new RetryableException("idempotency store unavailable: " + e.getMessage(), e);
        }
        if (stored == null
                || stored.isEmpty()
                || !COMPLETED.equals(stored.get("status").s())
                || Long.parseLong(stored.get("expiration").n()) < nowMs / 1000) {
            return null;
        }
        return existing(consumer, key, id, payloadHash, recordOf(stored));
    }

    private Map<String, AttributeValue> read(String id) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("id", s(id))))
                .item();
    }

    /**
     * The outcome of a key found taken. {@code failedOn} is the record as the refused write saw it
     * (ReturnValuesOnConditionCheckFailure ALL_OLD, no second request); read again when the engine returned none.
     */
    private Outcome existing(String consumer, String key, String id, String payloadHash, IdempotencyRecord failedOn) {
        IdempotencyRecord stored = failedOn != null ? failedOn : recordOf(read(id));
        if (stored == null) {
            throw new IdempotencyInProgressException(consumer, key); // deleted meanwhile: retry
        }
        return stored.repeat(consumer, key, payloadHash);
    }

    /** A record item of this table in the port's terms; null when there is none (no item, or an empty one). */
    public static IdempotencyRecord recordOf(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new IdempotencyRecord(
                COMPLETED.equals(text(item, "status")), text(item, "result"), text(item, "payloadHash"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
