package io.eventflow.emulator;

import io.eventflow.emulator.template.Model.Key;
import io.eventflow.emulator.template.Model.TableSchema;
import java.util.List;
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

/**
 * Creates a DynamoDB table from its {@code AWS::DynamoDB::Table} definition in template.yaml
 * ({@link Template#tableSchema}), so tests and the local runtime use exactly the keys, indexes, streams and TTL
 * that {@code sam deploy} creates.
 */
public final class TableProvisioner {
    private TableProvisioner() {}

    /** @return the table's stream ARN, or null when it has no stream */
    public static String create(DynamoDbClient dynamo, Template template, String logicalId, String tableName) {
        return create(dynamo, template.tableSchema(logicalId), tableName);
    }

    /** @return the table's stream ARN, or null when it has no stream */
    public static String create(DynamoDbClient dynamo, TableSchema schema, String tableName) {
        CreateTableRequest.Builder req = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(schema.attributeTypes().entrySet().stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a.getKey())
                                .attributeType(a.getValue())
                                .build())
                        .toList())
                .keySchema(keys(schema.keys()));
        if (!schema.indexes().isEmpty()) {
            req.globalSecondaryIndexes(schema.indexes().stream()
                    .map(g -> GlobalSecondaryIndex.builder()
                            .indexName(g.name())
                            .keySchema(keys(g.keys()))
                            .projection(Projection.builder()
                                    .projectionType(g.projectionType())
                                    .build())
                            .build())
                    .toList());
        }
        if (schema.streamViewType() != null) {
            req.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(schema.streamViewType())
                    .build());
        }
        try {
            dynamo.createTable(req.build());
        } catch (ResourceInUseException exists) {
            // created before (a re-run against the same endpoint): keep it
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        if (schema.ttlAttribute() != null) {
            try {
                dynamo.updateTimeToLive(b -> b.tableName(tableName)
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName(schema.ttlAttribute())));
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

    private static List<KeySchemaElement> keys(List<Key> schema) {
        return schema.stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(k.attributeName())
                        .keyType(k.keyType())
                        .build())
                .toList();
    }
}
