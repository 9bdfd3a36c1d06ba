package io.eventflow.capacity.measure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** DynamoDB read and write units, GSI writes and partition-key load, from item sizes (see {@link ItemSize}). */
final class DynamoCounting {
    private DynamoCounting() {}

    static boolean count(String caller, SdkRequest request, SdkResponse response, boolean ok) {
        Tally t = Tally.GLOBAL;
        switch (request) {
            case PutItemRequest r -> {
                int size = ItemSize.of(r.item());
                remember(r.tableName(), r.item(), size);
                write(t, caller, r.tableName(), r.item(), size, false);
            }
            case UpdateItemRequest r ->
                write(
                        t,
                        caller,
                        r.tableName(),
                        r.key(),
                        Math.max(
                                shadow(r.tableName(), r.key()),
                                ItemSize.of(r.key())
                                        + (r.hasExpressionAttributeValues()
                                                ? ItemSize.of(r.expressionAttributeValues())
                                                : 0)),
                        false);
            case DeleteItemRequest r -> write(t, caller, r.tableName(), r.key(), shadow(r.tableName(), r.key()), false);
            case TransactWriteItemsRequest r -> {
                for (TransactWriteItem i : r.transactItems()) {
                    if (i.put() != null) {
                        int size = ItemSize.of(i.put().item());
                        if (ok) {
                            remember(i.put().tableName(), i.put().item(), size);
                        }
                        write(t, caller, i.put().tableName(), i.put().item(), size, true);
                    } else if (i.update() != null) {
                        var u = i.update();
                        write(
                                t,
                                caller,
                                u.tableName(),
                                u.key(),
                                Math.max(
                                        shadow(u.tableName(), u.key()),
                                        ItemSize.of(u.key())
                                                + (u.hasExpressionAttributeValues()
                                                        ? ItemSize.of(u.expressionAttributeValues())
                                                        : 0)),
                                true);
                    } else if (i.delete() != null) {
                        write(
                                t,
                                caller,
                                i.delete().tableName(),
                                i.delete().key(),
                                shadow(i.delete().tableName(), i.delete().key()),
                                true);
                    } else if (i.conditionCheck() != null) {
                        // billed as a transactional write of the checked item; writes nothing (no stream record)
                        var c = i.conditionCheck();
                        write(t, caller, c.tableName(), null, shadow(c.tableName(), c.key()), true);
                    }
                }
            }
            case GetItemRequest r
            when response instanceof GetItemResponse g -> {
                int size = g.hasItem() ? ItemSize.of(g.item()) : 0;
                if (g.hasItem()) {
                    remember(r.tableName(), g.item(), size);
                }
                read(t, caller, r.tableName(), null, size, Boolean.TRUE.equals(r.consistentRead()));
            }
            case QueryRequest r
            when response instanceof QueryResponse q ->
                read(
                        t,
                        caller,
                        r.tableName(),
                        r.indexName(),
                        q.items().stream().mapToInt(ItemSize::of).sum(),
                        Boolean.TRUE.equals(r.consistentRead()));
            case ScanRequest r
            when response instanceof ScanResponse s ->
                read(
                        t,
                        caller,
                        r.tableName(),
                        r.indexName(),
                        s.items().stream().mapToInt(ItemSize::of).sum(),
                        Boolean.TRUE.equals(r.consistentRead()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void write(
            Tally t, String caller, String table, Map<String, AttributeValue> item, int size, boolean transactional) {
        Map<String, List<String>> shape = Shared.tables().get(table);
        String name = shape == null ? table : shape.get("logicalId").get(0);
        int units = ItemSize.writeUnits(size, transactional);
        t.add(caller, "dynamodb." + name + ".wru", units);
        if (item == null) {
            return;
        }
        // every item written is one record on the table's stream
        t.add(caller, "dynamodb." + name + ".itemsWritten", 1);
        if (shape == null) {
            return;
        }
        AttributeValue pk = item.get(shape.get("keys").get(0));
        if (pk != null) {
            t.addKey(name, keyText(pk), units);
        }
        // A global secondary index (projection ALL) takes a standard write of the item when the item carries its keys.
        shape.forEach((k, keys) -> {
            if (k.startsWith("index.") && keys.stream().allMatch(item::containsKey)) {
                String index = k.substring("index.".length());
                int gsiUnits = ItemSize.writeUnits(size, false);
                t.add(caller, "dynamodb." + name + "/" + index + ".wru", gsiUnits);
                t.addKey(name + "/" + index, keyText(item.get(keys.get(0))), gsiUnits);
            }
        });
    }

    private static void read(Tally t, String caller, String table, String index, int size, boolean consistent) {
        Map<String, List<String>> shape = Shared.tables().get(table);
        String name = (shape == null ? table : shape.get("logicalId").get(0)) + (index == null ? "" : "/" + index);
        t.add(caller, "dynamodb." + name + ".rru", ItemSize.readUnits(size, consistent, false));
    }

    private static String keyText(AttributeValue v) {
        return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
    }

    private static void remember(String table, Map<String, AttributeValue> item, int size) {
        Map<String, List<String>> shape = Shared.tables().get(table);
        if (shape != null && item.containsKey(shape.get("keys").get(0))) {
            Shared.shadow().put(table + "|" + shadowKey(shape, item), size);
        }
    }

    private static int shadow(String table, Map<String, AttributeValue> key) {
        Map<String, List<String>> shape = Shared.tables().get(table);
        return shape == null
                ? ItemSize.of(key)
                : Shared.shadow().getOrDefault(table + "|" + shadowKey(shape, key), ItemSize.of(key));
    }

    private static String shadowKey(Map<String, List<String>> shape, Map<String, AttributeValue> itemOrKey) {
        Map<String, String> k = new TreeMap<>();
        for (String name : shape.get("keys")) {
            AttributeValue v = itemOrKey.get(name);
            if (v != null) {
                k.put(name, keyText(v));
            }
        }
        return k.toString();
    }
}
