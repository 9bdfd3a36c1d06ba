package io.eventflow.idempotency;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

@ExtendWith(EmulatorExtension.class)
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {
    private static String table;

    @BeforeAll
    static void createTable() {
        table = "idempotency-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", table);
    }

    @Override
    protected IdempotencyStore store(TestClock clock) {
        return new DynamoDbIdempotencyStore(AwsClients.dynamo(), table, clock, SETTINGS);
    }
}
