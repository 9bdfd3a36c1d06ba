package io.eventflow.orderapi;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The catalog on a real InventoryTable (emulator), items written in the inventory's layout. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbCatalogIT extends CatalogContract {
    private static String table;
    private static Catalog catalog;

    @BeforeAll
    static void createTable() {
        table = "inventory-catalog-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "InventoryTable", table);
        catalog = new DynamoDbCatalog(AwsClients.dynamo(), table);
    }

    @Override
    protected Catalog catalog() {
        return catalog;
    }

    @Override
    protected void given(String sku, long unitPriceCents, String currency) {
        AwsClients.dynamo()
                .putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "sku",
                                AttributeValue.fromS(sku),
                                "available",
                                AttributeValue.fromN("7"),
                                "priceCents",
                                AttributeValue.fromN(Long.toString(unitPriceCents)),
                                "currency",
                                AttributeValue.fromS(currency))));
    }

    @Override
    protected void givenStockOnly(String sku) {
        AwsClients.dynamo()
                .putItem(b -> b.tableName(table)
                        .item(Map.of("sku", AttributeValue.fromS(sku), "available", AttributeValue.fromN("7"))));
    }
}
