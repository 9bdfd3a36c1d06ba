package io.eventflow.store;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event store contract through the real SDK adapter, against the emulator over HTTP. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbEventStoreIT extends EventStoreContract {
    private static EventStore store;

    @BeforeAll
    static void createTable() {
        String table = "events-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", table);
        store = new DynamoDbEventStore(AwsClients.dynamo(), table);
    }

    @Override
    protected EventStore store() {
        return store;
    }
}
