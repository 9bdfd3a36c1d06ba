package io.eventflow.orderapi;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.order.OrderStatus;
import io.eventflow.projector.DynamoDbOrderViewRepository;
import io.eventflow.projector.OrderView;
import io.eventflow.projector.TimelineEntry;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The read port on OrderViewTable (emulator), fed by the projector's own writer so the layouts agree. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // DynamoDB alone: on LocalStack it stays on moto
class DynamoDbOrderViewsIT extends OrderViewsContract {
    private static OrderViews views;
    private static DynamoDbOrderViewRepository writer;

    @BeforeAll
    static void createTable() {
        String table = "order-view-api-it-" + UUID.randomUUID();
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "OrderViewTable", table);
        views = new DynamoDbOrderViews(AwsClients.dynamo(), table);
        writer = new DynamoDbOrderViewRepository(AwsClients.dynamo(), table);
    }

    @Override
    protected OrderViews views() {
        return views;
    }

    @Override
    protected void given(OrderDetails d) {
        writer.replace(new OrderView(
                d.orderId(),
                OrderStatus.valueOf(d.status()),
                d.version(),
                "CUST-42",
                d.items(),
                d.currency(),
                d.totalCents(),
                d.paymentId(),
                d.trackingId(),
                d.cancelReason(),
                d.timeline().stream()
                        .map(s -> new TimelineEntry(s.sequence(), s.eventType(), s.timestamp()))
                        .toList(),
                d.timeline().get(d.timeline().size() - 1).timestamp()));
    }
}
