package io.eventflow.priming;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The DynamoDB reads a priming run's seed answers (GetItem, BatchGetItem, Query). Every use of a DynamoDB class of
 * priming is here, so that this class is loaded only when a DynamoDB read is answered: a function whose artifact has no
 * DynamoDB (the relay) primes without it.
 */
final class SeedReads {
    private static final Pattern COMPARISON = Pattern.compile("(#?[\\w.]+)\\s*(=|>=|<=|>|<)\\s*(:\\w+)");
    private static final Pattern BETWEEN =
            Pattern.compile("(#?[\\w.]+)\\s+BETWEEN\\s+(:\\w+)\\s+AND\\s+(:\\w+)", Pattern.CASE_INSENSITIVE);

    private final Map<String, List<Map<String, AttributeValue>>> tables;

    SeedReads(Map<String, List<Map<String, AttributeValue>>> tables) {
        this.tables = tables;
    }

    /** The seed's answer to a DynamoDB read; any other response as it came. */
    SdkResponse answer(SdkRequest request, SdkResponse response) {
        return switch (request) {
            case GetItemRequest get -> get(get);
            case QueryRequest query -> query(query);
            case BatchGetItemRequest batch -> batchGet(batch);
            default -> response;
        };
    }

    private GetItemResponse get(GetItemRequest request) {
        return find(request.tableName(), request.key())
                .map(item -> GetItemResponse.builder().item(item).build())
                .orElseGet(() -> GetItemResponse.builder().build());
    }

    private BatchGetItemResponse batchGet(BatchGetItemRequest request) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        request.requestItems()
                .forEach((table, keys) -> found.put(
                        table,
                        keys.keys().stream()
                                .map(key -> find(table, key))
                                .flatMap(java.util.Optional::stream)
                                .toList()));
        return BatchGetItemResponse.builder().responses(found).build();
    }

    private java.util.Optional<Map<String, AttributeValue>> find(String table, Map<String, AttributeValue> key) {
        return tables.getOrDefault(table, List.of()).stream()
                .filter(item -> key.entrySet().stream().allMatch(k -> equal(item.get(k.getKey()), k.getValue())))
                .findFirst();
    }

    /**
     * The seed's items that meet the key condition ({@code a = :v}, {@code a >= :v} and the other comparisons, {@code a
     * BETWEEN :lo AND :hi}), in seed order or reversed, up to the limit; one page (the seed is small).
     */
    private QueryResponse query(QueryRequest request) {
        String condition = request.keyConditionExpression();
        Map<String, String> names =
                request.hasExpressionAttributeNames() ? request.expressionAttributeNames() : Map.of();
        Map<String, AttributeValue> values = request.expressionAttributeValues();
        List<java.util.function.Predicate<Map<String, AttributeValue>>> tests = new ArrayList<>();
        Matcher between = BETWEEN.matcher(condition);
        while (between.find()) {
            String name = names.getOrDefault(between.group(1), between.group(1));
            AttributeValue lo = values.get(between.group(2));
            AttributeValue hi = values.get(between.group(3));
            tests.add(item ->
                    item.containsKey(name) && compare(item.get(name), lo) >= 0 && compare(item.get(name), hi) <= 0);
        }
        Matcher comparison = COMPARISON.matcher(between.replaceAll(""));
        while (comparison.find()) {
            String name = names.getOrDefault(comparison.group(1), comparison.group(1));
            String operator = comparison.group(2);
            AttributeValue value = values.get(comparison.group(3));
            tests.add(item -> item.containsKey(name) && holds(operator, compare(item.get(name), value)));
        }
        List<Map<String, AttributeValue>> items =
                new ArrayList<>(tables.getOrDefault(request.tableName(), List.of()).stream()
                        .filter(item -> tests.stream().allMatch(t -> t.test(item)))
                        .toList());
        if (Boolean.FALSE.equals(request.scanIndexForward())) {
            Collections.reverse(items);
        }
        if (request.limit() != null && items.size() > request.limit()) {
            items = items.subList(0, request.limit());
        }
        return QueryResponse.builder()
                .items(items)
                .count(items.size())
                .scannedCount(items.size())
                .build();
    }

    private static boolean holds(String operator, int comparison) {
        return switch (operator) {
            case "=" -> comparison == 0;
            case ">=" -> comparison >= 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            default -> comparison < 0;
        };
    }

    private static boolean equal(AttributeValue a, AttributeValue b) {
        return a != null && b != null && compare(a, b) == 0;
    }

    private static int compare(AttributeValue a, AttributeValue b) {
        if (a.n() != null && b.n() != null) {
            return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
        }
        return String.valueOf(a.s()).compareTo(String.valueOf(b.s()));
    }
}
