package io.eventflow.emulator;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.List;
import java.util.Map;

/**
 * Creates a DynamoDB table from its {@code AWS::DynamoDB::Table} definition in template.yaml, so tests and
 * the local runtime use exactly the keys, indexes, streams and TTL that {@code sam deploy} creates.
 */
public final class TableProvisioner {
    private TableProvisioner() {
    }

    /** @return the table's stream ARN, or null when it has no stream */
    @SuppressWarnings("unchecked")
    public static String create(DynamoDbClient dynamo, Template template, String logicalId, String tableName) {
        Map<String, Object> p = template.properties(logicalId, "AWS::DynamoDB::Table");
        CreateTableRequest.Builder req = CreateTableRequest.builder().tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p, "AttributeDefinitions").stream().map(a -> AttributeDefinition.builder()
                        .attributeName(str(a, "AttributeName")).attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keys(list(p, "KeySchema")));
        List<Map<String, Object>> gsis = list(p, "GlobalSecondaryIndexes");
        if (!gsis.isEmpty()) {
            req.globalSecondaryIndexes(gsis.stream().map(g -> GlobalSecondaryIndex.builder()
                    .indexName(str(g, "IndexName"))
                    .keySchema(keys((List<Map<String, Object>>) g.get("KeySchema")))
                    .projection(Projection.builder().projectionType(
                            str((Map<String, Object>) g.get("Projection"), "ProjectionType")).build())
                    .build()).toList());
        }
        Map<String, Object> stream = (Map<String, Object>) p.get("StreamSpecification");
        if (stream != null) {
            req.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(str(stream, "StreamViewType")).build());
        }
        try {
            dynamo.createTable(req.build());
        } catch (ResourceInUseException exists) {
            // created before (a re-run against the same endpoint): keep it
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        Map<String, Object> ttl = (Map<String, Object>) p.get("TimeToLiveSpecification");
        if (ttl != null && Boolean.TRUE.equals(ttl.get("Enabled"))) {
            try {
                dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(t -> t.enabled(true)
                        .attributeName(str(ttl, "AttributeName"))));
            } catch (RuntimeException alreadyOrUnsupported) {
                // TTL is an optimisation for expiry; the stores check expiry themselves.
            }
        }
        var table = dynamo.describeTable(b -> b.tableName(tableName)).table();
        if (table.tableStatus() != TableStatus.ACTIVE) {
            throw new IllegalStateException("table " + tableName + " is " + table.tableStatus());
        }
        return table.latestStreamArn();
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
                .keyType(str(k, "KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("template: " + key + " must be a plain string here, got " + v);
        }
        return s;
    }
}
