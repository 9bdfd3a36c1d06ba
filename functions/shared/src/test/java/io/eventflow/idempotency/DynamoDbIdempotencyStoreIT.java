package io.eventflow.idempotency;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {
    private static String table;
    private static io.eventflow.store.EventStore events;

    @BeforeAll
    static void createTable() {
        table = "idempotency-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", table);
        String eventTable = "events-idem-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", eventTable);
        events = new io.eventflow.store.DynamoDbEventStore(AwsClients.dynamo(), eventTable);
    }

    @Override
    protected io.eventflow.store.EventStore events() {
        return events;
    }

    @Override
    protected IdempotencyStore store(TestClock clock) {
        return new DynamoDbIdempotencyStore(AwsClients.dynamo(), table, clock, SETTINGS);
    }
}
