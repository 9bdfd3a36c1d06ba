package io.eventflow.inventory;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inventory contract through the real SDK adapter, against the emulator over HTTP. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbInventoryRepositoryIT extends InventoryRepositoryContract {
    private static InventoryRepository repository;

    @BeforeAll
    static void createTable() {
        String table = "inventory-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "InventoryTable", table);
        repository = new DynamoDbInventoryRepository(AwsClients.dynamo(), table, Clock.systemUTC());
    }

    @Override
    protected InventoryRepository repository() {
        return repository;
    }
}
