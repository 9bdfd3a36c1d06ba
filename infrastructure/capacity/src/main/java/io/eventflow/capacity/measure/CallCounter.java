package io.eventflow.capacity.measure;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every AWS call made in this JVM, by caller, in the units AWS bills. Registered for every SDK client
 * through the SDK's global interceptor file (software/amazon/awssdk/global/handlers/execution.interceptors), so
 * neither the functions nor the runtime change. The caller is the thread: the local runtime runs each function
 * on threads named {@code fn-<LogicalId>} and its event-source pollers on {@code sqs-<LogicalId> <- ...} /
 * {@code stream-<LogicalId> <- ...} (Lambda's pollers, reported as {@code ESM:<LogicalId>}); anything else is
 * the {@code driver}. Counting is off until {@link #configure} names the tables.
 */
public final class CallCounter implements ExecutionInterceptor {
    /**
     * @param logicalId the template's name
     * @param keys the table's key attributes, partition key first
     * @param indexKeys global secondary index name -> its key attributes, partition key first
     */
    public record TableShape(String logicalId, List<String> keys, Map<String, List<String>> indexKeys) {
        String hashKey() {
            return keys.get(0);
        }
    }

    private static volatile Map<String, TableShape> tables = Map.of();
    /** Last known size of each item (table|key), for updates, deletes and condition checks that do not carry the item. */
    private static final Map<String, Integer> SHADOW = new ConcurrentHashMap<>();
    static final int CHUNK = 64 * 1024;

    public static void configure(Map<String, TableShape> byPhysicalName) {
        tables = Map.copyOf(byPhysicalName);
    }

    public static void disable() {
        tables = Map.of();
    }

    static String caller(String thread) {
        if (thread.startsWith("fn-")) {
            return thread.substring(3);
        }
        if (thread.startsWith("sqs-") || thread.startsWith("stream-")) {
            String rest = thread.substring(thread.indexOf('-') + 1);
            int arrow = rest.indexOf(" <-");
            return "ESM:" + (arrow < 0 ? rest : rest.substring(0, arrow));
        }
        return "driver";
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (tables.isEmpty()) {
            return;
        }
        count(context.request(), context.response(), attributes, true);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A write refused by its condition (or a cancelled transaction) still consumes write units.
        if (!tables.isEmpty() && context.exception() instanceof DynamoDbException) {
            count(context.request(), null, attributes, false);
        }
    }

    private void count(SdkRequest request, SdkResponse response, ExecutionAttributes attributes, boolean ok) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String caller = caller(Thread.currentThread().getName());
        Tally t = Tally.GLOBAL;
        switch (request) {
            case PutItemRequest r -> {
                int size = ItemSize.of(r.item());
                remember(r.tableName(), r.item(), size);
                write(t, caller, r.tableName(), r.item(), size, false);
            }
            case UpdateItemRequest r -> {
                int size = Math.max(shadow(r.tableName(), r.key()), ItemSize.of(r.key())
                        + (r.hasExpressionAttributeValues() ? ItemSize.of(r.expressionAttributeValues()) : 0));
                write(t, caller, r.tableName(), r.key(), size, false);
            }
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
                        write(t, caller, u.tableName(), u.key(), Math.max(shadow(u.tableName(), u.key()), ItemSize.of(u.key())
                                + (u.hasExpressionAttributeValues() ? ItemSize.of(u.expressionAttributeValues()) : 0)), true);
                    } else if (i.delete() != null) {
                        write(t, caller, i.delete().tableName(), i.delete().key(), shadow(i.delete().tableName(), i.delete().key()), true);
                    } else if (i.conditionCheck() != null) {
                        // billed as a transactional write of the checked item
                        var c = i.conditionCheck();
                        write(t, caller, c.tableName(), null, shadow(c.tableName(), c.key()), true);
                    }
                }
            }
            case GetItemRequest r when response instanceof GetItemResponse g -> {
                int size = g.hasItem() ? ItemSize.of(g.item()) : 0;
                if (g.hasItem()) {
                    remember(r.tableName(), g.item(), size);
                }
                read(t, caller, r.tableName(), null, size, Boolean.TRUE.equals(r.consistentRead()));
            }
            case QueryRequest r when response instanceof QueryResponse q -> read(t, caller, r.tableName(), r.indexName(),
                    q.items().stream().mapToInt(ItemSize::of).sum(), Boolean.TRUE.equals(r.consistentRead()));
            case ScanRequest r when response instanceof ScanResponse s -> read(t, caller, r.tableName(), r.indexName(),
                    s.items().stream().mapToInt(ItemSize::of).sum(), Boolean.TRUE.equals(r.consistentRead()));
            case PutEventsRequest r -> {
                t.add(caller, "eventbridge.PutEvents.requests", 1);
                t.add(caller, "eventbridge.entries", r.entries().size());
                // 64 KB chunks per entry; entry size = Time (14 bytes) + Source + DetailType + Detail + Resources
                r.entries().forEach(e -> t.add(caller, "eventbridge.billedEvents", chunks(14 + utf8(e.source()) + utf8(e.detailType())
                        + utf8(e.detail()) + (e.hasResources() ? e.resources().stream().mapToInt(CallCounter::utf8).sum() : 0))));
            }
            case SendMessageRequest r -> {
                t.add(caller, "sqs.SendMessage.requests", chunks(utf8(r.messageBody())));
                t.add(caller, "sqs.messagesSent", 1);
            }
            case SendMessageBatchRequest r -> {
                t.add(caller, "sqs.SendMessageBatch.requests", chunks(r.entries().stream().mapToInt(e -> utf8(e.messageBody())).sum()));
                t.add(caller, "sqs.messagesSent", r.entries().size());
            }
            case PublishRequest r -> {
                if (r.phoneNumber() != null) {
                    t.add(caller, "sns.smsMessages", 1);
                } else {
                    t.add(caller, "sns.Publish.requests", chunks(utf8(r.message())
                            + (r.hasMessageAttributes() ? r.messageAttributes().entrySet().stream()
                            .mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue().dataType()) + utf8(e.getValue().stringValue())).sum() : 0)));
                }
            }
            case SendEmailRequest r -> t.add(caller, "ses.emails", r.destination() == null ? 1
                    : Math.max(1, r.destination().toAddresses().size() + r.destination().ccAddresses().size()
                    + r.destination().bccAddresses().size()));
            default -> {
                if ("sqs".equalsIgnoreCase(service) && "ReceiveMessage".equals(op) && response instanceof ReceiveMessageResponse m) {
                    if (m.messages().isEmpty()) {
                        t.add(caller, "sqs.ReceiveMessage.emptyRequests", 1);
                    } else {
                        t.add(caller, "sqs.ReceiveMessage.requests", chunks(m.messages().stream().mapToInt(x -> utf8(x.body())).sum()));
                        t.add(caller, "sqs.messagesReceived", m.messages().size());
                    }
                    return;
                }
                if ("sqs".equalsIgnoreCase(service) && op != null && op.startsWith("DeleteMessage")) {
                    t.add(caller, "sqs." + op + ".requests", 1);
                    return;
                }
                if (ok) {
                    t.add(caller, metricService(service) + ".other." + op, 1);
                }
            }
        }
        if ("dynamodb".equalsIgnoreCase(service)) {
            t.add(caller, "dynamodb.calls." + op, 1);
        }
    }

    private static String metricService(String service) {
        return service == null ? "unknown" : service.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    private static void write(Tally t, String caller, String table, Map<String, AttributeValue> item, int size, boolean transactional) {
        TableShape shape = tables.get(table);
        String name = shape == null ? table : shape.logicalId();
        int units = ItemSize.writeUnits(size, transactional);
        t.add(caller, "dynamodb." + name + ".wru", units);
        if (item != null) {
            // every item written is one record on the table's stream (condition checks write nothing)
            t.add(caller, "dynamodb." + name + ".itemsWritten", 1);
        }
        if (shape == null || item == null) {
            return;
        }
        AttributeValue pk = item.get(shape.hashKey());
        if (pk != null) {
            t.addKey(name, keyText(pk), units);
        }
        // A global secondary index (projection ALL) takes a standard write of the item when the item carries its keys.
        shape.indexKeys().forEach((index, keys) -> {
            String hash = keys.get(0);
            if (keys.stream().allMatch(item::containsKey)) {
                int gsiUnits = ItemSize.writeUnits(size, false);
                t.add(caller, "dynamodb." + name + "/" + index + ".wru", gsiUnits);
                t.addKey(name + "/" + index, keyText(item.get(hash)), gsiUnits);
            }
        });
    }

    private static void read(Tally t, String caller, String table, String index, int size, boolean consistent) {
        TableShape shape = tables.get(table);
        String name = (shape == null ? table : shape.logicalId()) + (index == null ? "" : "/" + index);
        t.add(caller, "dynamodb." + name + ".rru", ItemSize.readUnits(size, consistent, false));
    }

    private static String keyText(AttributeValue v) {
        return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
    }

    private static void remember(String table, Map<String, AttributeValue> item, int size) {
        TableShape shape = tables.get(table);
        if (shape != null && item.containsKey(shape.hashKey())) {
            SHADOW.put(table + "|" + shadowKey(shape, item), size);
        }
    }

    private static int shadow(String table, Map<String, AttributeValue> key) {
        TableShape shape = tables.get(table);
        return shape == null ? ItemSize.of(key) : SHADOW.getOrDefault(table + "|" + shadowKey(shape, key), ItemSize.of(key));
    }

    private static String shadowKey(TableShape shape, Map<String, AttributeValue> itemOrKey) {
        Map<String, String> k = new TreeMap<>();
        for (String name : shape.keys()) {
            AttributeValue v = itemOrKey.get(name);
            if (v != null) {
                k.put(name, keyText(v));
            }
        }
        return k.toString();
    }

    static int chunks(int bytes) {
        return Math.max(1, (bytes + CHUNK - 1) / CHUNK);
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
