package io.eventflow.inventory;

import io.eventflow.events.LineItem;
import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Inventory on the {@code InventoryTable} (pk {@code sku}, stock in {@code available}). Besides one item per
 * SKU it keeps one reservation item per order, pk {@code RES#<orderId>} ({@code #} cannot occur in a SKU),
 * with {@code state} HELD or RELEASED and the held quantities in {@code items} (map SKU -> N).
 *
 * <p>reserve = one TransactWriteItems: per SKU {@code SET available = available - :q} on condition
 * {@code available >= :q} (a missing item fails the condition: unknown SKU = no stock), plus a Put of the
 * reservation item on condition {@code attribute_not_exists}. release = one TransactWriteItems: the
 * reservation goes HELD -> RELEASED (condition) together with {@code available + :q} per SKU.
 */
public final class DynamoDbInventoryRepository implements InventoryRepository {
    static final String RESERVATION_PREFIX = "RES#";
    private static final String HELD = "HELD";
    private static final String RELEASED = "RELEASED";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbInventoryRepository(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public ReservationResult reserve(String orderId, List<LineItem> items) {
        Map<String, Long> wanted = Quantities.bySku(items);
        List<TransactWriteItem> tx = new ArrayList<>();
        wanted.forEach((sku, q) -> tx.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(sku))
                        .updateExpression("SET available = available - :q")
                        .conditionExpression("available >= :q")
                        .expressionAttributeValues(Map.of(":q", n(q)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build()));
        Map<String, AttributeValue> reservation = new HashMap<>(key(RESERVATION_PREFIX + orderId));
        reservation.put("orderId", s(orderId));
        reservation.put("state", s(HELD));
        reservation.put("items", AttributeValue.fromM(toAttributes(wanted)));
        reservation.put("reservedAt", s(clock.instant().toString()));
        tx.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(reservation)
                        .conditionExpression("attribute_not_exists(sku)")
                        .build())
                .build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(tx));
            return new ReservationResult.Reserved(false);
        } catch (TransactionCanceledException e) {
            return explainReserve(orderId, wanted, e);
        } catch (SdkException e) {
            throw new RetryableException("reserving stock for " + orderId + " failed: " + e.getMessage(), e);
        }
    }

    private ReservationResult explainReserve(String orderId, Map<String, Long> wanted, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean onlyConditions = !reasons.isEmpty()
                && reasons.stream()
                        .allMatch(
                                r -> r.code() == null || "None".equals(r.code()) || CONDITION_FAILED.equals(r.code()));
        if (!onlyConditions) {
            // TransactionConflict (a concurrent transaction on the same SKU), throttling: try again.
            throw new RetryableException("reserving stock for " + orderId + " was cancelled: " + e.getMessage(), e);
        }
        // Always look at the reservation first: a redelivered order is answered by what it already holds.
        Map<String, AttributeValue> existing = reservation(orderId);
        if (existing != null) {
            if (HELD.equals(existing.get("state").s())) {
                return new ReservationResult.Reserved(true);
            }
            throw new PermanentException(
                    "the reservation of order " + orderId + " was released already;" + " an order is reserved once");
        }
        List<String> skus = new ArrayList<>(wanted.keySet());
        for (int i = 0; i < skus.size() && i < reasons.size(); i++) {
            CancellationReason reason = reasons.get(i);
            if (CONDITION_FAILED.equals(reason.code())) {
                String sku = skus.get(i);
                long available = reason.hasItem() && reason.item().containsKey("available")
                        ? Long.parseLong(reason.item().get("available").n())
                        : available(sku);
                return new ReservationResult.Rejected(sku, available, wanted.get(sku));
            }
        }
        throw new RetryableException(
                "reserving stock for " + orderId + " was cancelled without a failed SKU: " + e.getMessage(), e);
    }

    @Override
    public ReleaseResult release(String orderId, List<LineItem> items) {
        Map<String, AttributeValue> existing = reservation(orderId);
        if (existing == null || !HELD.equals(existing.get("state").s())) {
            return new ReleaseResult.NotHeld();
        }
        Map<String, Long> held = new LinkedHashMap<>();
        existing.get("items").m().forEach((sku, q) -> held.put(sku, Long.parseLong(q.n())));
        Map<String, Long> restock = Quantities.toRestock(Quantities.bySku(items), held);
        List<TransactWriteItem> tx = new ArrayList<>();
        tx.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(RESERVATION_PREFIX + orderId))
                        .updateExpression("SET #state = :released, releasedAt = :at")
                        .conditionExpression("#state = :held")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(
                                ":released",
                                s(RELEASED),
                                ":held",
                                s(HELD),
                                ":at",
                                s(clock.instant().toString())))
                        .build())
                .build());
        restock.forEach((sku, q) -> tx.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(sku))
                        .updateExpression("SET available = if_not_exists(available, :zero) + :q")
                        .expressionAttributeValues(Map.of(":q", n(q), ":zero", n(0)))
                        .build())
                .build()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(tx));
            return new ReleaseResult.Released(restock);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && CONDITION_FAILED.equals(reasons.get(0).code())) {
                return new ReleaseResult.NotHeld(); // released by a concurrent run in between
            }
            throw new RetryableException("releasing stock of " + orderId + " was cancelled: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new RetryableException("releasing stock of " + orderId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long available(String sku) {
        Map<String, AttributeValue> item = get(sku);
        return item == null || !item.containsKey("available")
                ? 0
                : Long.parseLong(item.get("available").n());
    }

    @Override
    public void seed(String sku, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("stock of " + sku + " cannot be negative: " + quantity);
        }
        try {
            // An update, not a put: the item's catalog price (priceCents, currency) stays as it is.
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(sku))
                    .updateExpression("SET available = :q")
                    .expressionAttributeValues(Map.of(":q", n(quantity))));
        } catch (SdkException e) {
            throw new RetryableException("seeding " + sku + " failed: " + e.getMessage(), e);
        }
    }

    private Map<String, AttributeValue> reservation(String orderId) {
        return get(RESERVATION_PREFIX + orderId);
    }

    private Map<String, AttributeValue> get(String pk) {
        try {
            var response =
                    dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(pk)));
            return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
        } catch (SdkException e) {
            throw new RetryableException("reading " + pk + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> toAttributes(Map<String, Long> quantities) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        quantities.forEach((sku, q) -> out.put(sku, n(q)));
        return out;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("sku", s(pk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
