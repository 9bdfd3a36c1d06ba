package io.eventflow.projector;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository contract through the SDK adapter against OrderViewTable on the emulator. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbOrderViewRepositoryIT extends OrderViewRepositoryContract {
    private static OrderViewRepository views;

    @BeforeAll
    static void createTable() {
        String table = "order-view-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "OrderViewTable", table);
        views = new DynamoDbOrderViewRepository(AwsClients.dynamo(), table);
    }

    @Override
    protected OrderViewRepository views() {
        return views;
    }
}
