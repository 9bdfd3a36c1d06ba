package io.eventflow.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.PaymentDeclined;
import io.eventflow.idempotency.DynamoDbIdempotencyStore;
import io.eventflow.idempotency.IdempotencySettings;
import io.eventflow.order.OrderReactor;
import io.eventflow.order.OrderStreams;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.store.EventStore;
import io.eventflow.testing.SampleEvents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The compensation path through the real DynamoDB adapters on the emulator, delivered twice. */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // its handler fed its SQS event directly, on DynamoDB alone
class OrderSagaIT {
    @Test
    void declinedPaymentIsCompensatedOnceEvenWhenDeliveredTwice() {
        String suffix = UUID.randomUUID().toString();
        Template template = Template.project();
        TableProvisioner.create(AwsClients.dynamo(), template, "EventStoreTable", "saga-events-" + suffix);
        TableProvisioner.create(AwsClients.dynamo(), template, "IdempotencyTable", "saga-idem-" + suffix);
        EventStore store = new DynamoDbEventStore(AwsClients.dynamo(), "saga-events-" + suffix);
        Clock clock = Clock.systemUTC();
        OrderReactor saga = new OrderReactor(
                OrderSagaHandler.CONSUMER,
                OrderSagaHandler.SOURCE,
                OrderSaga::decide,
                new OrderStreams(store, clock),
                new DynamoDbIdempotencyStore(
                        AwsClients.dynamo(), "saga-idem-" + suffix, clock, IdempotencySettings.DEFAULT));

        String id = "ORD-" + suffix.substring(0, 8);
        String stream = "Order-" + id;
        store.append(
                stream,
                0,
                List.of(
                        SampleEvents.draft(SampleEvents.orderPlaced(id)),
                        SampleEvents.draft(new InventoryReserved(id, SampleEvents.items())),
                        SampleEvents.draft(new PaymentDeclined(id, "card declined"))));
        EventEnvelope declined = store.readStream(stream, 3).get(0);

        saga.handle(declined);
        saga.handle(declined);

        assertThat(store.readStream(stream, 1))
                .extracting(EventEnvelope::eventType)
                .containsExactly(
                        "OrderPlaced", "InventoryReserved", "PaymentDeclined", "InventoryReleased", "OrderCancelled");
    }
}
