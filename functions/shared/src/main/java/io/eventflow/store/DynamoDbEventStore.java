package io.eventflow.store;

import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventJson;
import io.eventflow.events.RetryableException;
import io.eventflow.events.Upcasters;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.Receipt;
import io.eventflow.idempotency.ReceiptTakenException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event store on one DynamoDB table (pk {@code streamId}, sk {@code sequence}).
 *
 * <p>Append is one TransactWriteItems: a ConditionCheck that event {@code expectedVersion} exists (so a
 * stale or too-high version fails), a conditional Put per event slot, and a conditional Put of a guard item
 * per eventId (so a re-sent event is recognised as a duplicate even at another position). Items are
 * never updated or deleted.
 */
public final class DynamoDbEventStore implements EventStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEventStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts) {
        return append(streamId, expectedVersion, drafts, Receipt.none());
    }

    /** The receipt's record is the transaction's last item (TransactWriteItems takes 100: 1 check + 2 x 49 + 1). */
    @Override
    public AppendResult append(String streamId, long expectedVersion, List<EventEnvelope> drafts, Receipt receipt) {
        List<EventEnvelope> events = Appends.positioned(streamId, expectedVersion, drafts);
        List<TransactWriteItem> items = new ArrayList<>();
        if (expectedVersion > 0) {
            items.add(TransactWriteItem.builder()
                    .conditionCheck(ConditionCheck.builder()
                            .tableName(table)
                            .key(key(streamId, expectedVersion))
                            .conditionExpression("attribute_exists(streamId)")
                            .build())
                    .build());
        }
        int firstEventIndex = items.size();
        for (EventEnvelope e : events) {
            items.add(put(item(e)));
            Map<String, AttributeValue> guard = new HashMap<>(key(EventItems.guardKey(e.eventId()), 0));
            guard.put(EventItems.KIND, s(EventItems.KIND_GUARD));
            guard.put("eventStreamId", s(streamId));
            guard.put("eventSequence", n(e.sequence()));
            items.add(put(guard));
        }
        boolean withReceipt = receipt.table() != null;
        if (withReceipt) {
            items.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(receipt.table())
                            .item(DynamoDbIdempotencyStore.completedItem(receipt))
                            .conditionExpression(DynamoDbIdempotencyStore.FREE)
                            .expressionAttributeNames(Map.of("#st", "status"))
                            .expressionAttributeValues(DynamoDbIdempotencyStore.freeValues(receipt.nowMs()))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            receipt.markWritten();
            return new AppendResult.Appended(events);
        } catch (TransactionCanceledException e) {
            if (withReceipt
                    && e.hasCancellationReasons()
                    && e.cancellationReasons().size() == items.size()
                    && "ConditionalCheckFailed"
                            .equals(e.cancellationReasons()
                                    .get(items.size() - 1)
                                    .code())) {
                // The reason carries the record (ALL_OLD): its outcome without another read.
                throw new ReceiptTakenException(
                        receipt.id(),
                        DynamoDbIdempotencyStore.recordOf(
                                e.cancellationReasons().get(items.size() - 1).item()));
            }
            return explainCancellation(streamId, expectedVersion, events, e, firstEventIndex);
        } catch (SdkException e) {
            throw new RetryableException("append to " + streamId + " failed: " + e.getMessage(), e);
        }
    }

    private AppendResult explainCancellation(
            String streamId,
            long expectedVersion,
            List<EventEnvelope> events,
            TransactionCanceledException e,
            int firstEventIndex) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        List<String> duplicates = new ArrayList<>();
        boolean conditionFailed = false;
        for (int i = 0; i < reasons.size(); i++) {
            if (!"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                continue;
            }
            conditionFailed = true;
            int rel = i - firstEventIndex;
            if (rel >= 0 && rel % 2 == 1) {
                duplicates.add(events.get(rel / 2).eventId());
            }
        }
        if (reasons.isEmpty()) {
            // Some emulators omit CancellationReasons: ask the guards directly which eventIds are stored.
            duplicates.addAll(storedEventIds(events));
        }
        if (!duplicates.isEmpty()) {
            return new AppendResult.Duplicate(duplicates);
        }
        if (!conditionFailed && !reasons.isEmpty()) {
            // TransactionConflict, throttling, ...: nothing was written, the caller may try again.
            throw new RetryableException("append to " + streamId + " cancelled: " + e.getMessage(), e);
        }
        throw new ConcurrencyConflictException(streamId, expectedVersion, currentVersion(streamId));
    }

    private List<String> storedEventIds(List<EventEnvelope> events) {
        List<String> stored = new ArrayList<>();
        for (EventEnvelope e : events) {
            var guard = dynamo.getItem(
                    b -> b.tableName(table).consistentRead(true).key(key(EventItems.guardKey(e.eventId()), 0)));
            if (guard.hasItem() && !guard.item().isEmpty()) {
                stored.add(e.eventId());
            }
        }
        return stored;
    }

    @Override
    public List<EventEnvelope> readStream(String streamId, long fromSequence) {
        List<EventEnvelope> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("streamId = :s AND #seq >= :from")
                    .expressionAttributeNames(Map.of("#seq", EventItems.SEQUENCE))
                    .expressionAttributeValues(Map.of(":s", s(streamId), ":from", n(Math.max(1, fromSequence))))
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(item -> out.add(Upcasters.toCurrent(EventItems.fromAttributes(strings(item)))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Optional<EventEnvelope> find(String streamId, long sequence) {
        if (sequence < 1) {
            return Optional.empty();
        }
        try {
            var response =
                    dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(streamId, sequence)));
            if (!response.hasItem() || response.item().isEmpty() || !EventItems.isEvent(strings(response.item()))) {
                return Optional.empty();
            }
            return Optional.of(Upcasters.toCurrent(EventItems.fromAttributes(strings(response.item()))));
        } catch (SdkException e) {
            throw new RetryableException("reading " + streamId + " #" + sequence + " failed: " + e.getMessage(), e);
        }
    }

    /** BatchGetItem reads at most 100 keys per request. */
    private static final int BATCH_GET_KEYS = 100;

    @Override
    public List<EventEnvelope> findAll(java.util.Collection<Position> positions) {
        List<Map<String, AttributeValue>> keys = positions.stream()
                .filter(p -> p.sequence() >= 1 && p.streamId() != null)
                .distinct()
                .map(p -> key(p.streamId(), p.sequence()))
                .toList();
        List<EventEnvelope> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS));
            try {
                var response = dynamo.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(chunk)
                                .consistentRead(true)
                                .build())));
                response.responses().getOrDefault(table, List.of()).stream()
                        .map(DynamoDbEventStore::strings)
                        .filter(EventItems::isEvent)
                        .forEach(item -> found.add(Upcasters.toCurrent(EventItems.fromAttributes(item))));
                // Unprocessed keys (throttling) are left out: whoever needs one of them reads it on its own.
            } catch (SdkException e) {
                throw new RetryableException("reading " + chunk.size() + " events failed: " + e.getMessage(), e);
            }
        }
        return found;
    }

    @Override
    public long currentVersion(String streamId) {
        QueryResponse last = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("streamId = :s")
                .expressionAttributeValues(Map.of(":s", s(streamId)))
                .scanIndexForward(false)
                .limit(1)
                .build());
        return last.items().isEmpty()
                ? 0
                : Long.parseLong(last.items().get(0).get(EventItems.SEQUENCE).n());
    }

    @Override
    public EventPage readByType(String eventType, Instant from, Instant to, Optional<String> pageToken, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
        }
        if (!from.isBefore(to)) {
            return new EventPage(List.of(), Optional.empty());
        }
        QueryResponse page = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(EventItems.BY_TYPE_INDEX)
                .keyConditionExpression("eventType = :t AND #tt BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#tt", EventItems.TYPE_TIME))
                .expressionAttributeValues(Map.of(
                        ":t",
                        s(eventType),
                        ":lo",
                        s(EventItems.sortableTime(from)),
                        ":hi",
                        s(EventItems.sortableTime(to.minusNanos(1)) + "~")))
                .exclusiveStartKey(
                        pageToken.map(DynamoDbEventStore::decodeToken).orElse(null))
                .limit(limit)
                .build());
        List<EventEnvelope> events = page.items().stream()
                .map(item -> Upcasters.toCurrent(EventItems.fromAttributes(strings(item))))
                .toList();
        Optional<String> next =
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? Optional.of(encodeToken(page.lastEvaluatedKey()))
                        : Optional.empty();
        return new EventPage(events, next);
    }

    private Map<String, AttributeValue> key(String streamId, long sequence) {
        return Map.of(EventItems.STREAM_ID, s(streamId), EventItems.SEQUENCE, n(sequence));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(streamId)")
                        .build())
                .build();
    }

    /** A stored event's item, as an append writes it (and as priming's seed holds it). */
    public static Map<String, AttributeValue> item(EventEnvelope e) {
        return toItem(EventItems.toAttributes(e));
    }

    private static Map<String, AttributeValue> toItem(Map<String, String> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        attributes.forEach((k, v) -> item.put(k, EventItems.numeric(k) ? n(Long.parseLong(v)) : s(v)));
        return item;
    }

    static Map<String, String> strings(Map<String, AttributeValue> item) {
        Map<String, String> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, v.s() != null ? v.s() : v.n()));
        return out;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static String encodeToken(Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>(strings(key));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(EventJson.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeToken(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            Map<String, AttributeValue> key = new HashMap<>();
            EventJson.parseObject(json)
                    .properties()
                    .forEach(e -> key.put(
                            e.getKey(),
                            EventItems.numeric(e.getKey())
                                    ? AttributeValue.fromN(e.getValue().asText())
                                    : s(e.getValue().asText())));
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid page token");
        }
    }
}
