package io.eventflow.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.eventflow.aws.AwsClients;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.TableProvisioner;
import io.eventflow.emulator.Template;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.notification.Notification;
import io.eventflow.store.DynamoDbEventStore;
import io.eventflow.testing.SampleEvents;
import io.eventflow.testing.SnsSubscriptionDelivery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler as Lambda builds it (no-arg constructor, configuration from the environment) against the
 * emulator: the order's stream in a real event store table, idempotency in a real table, and the message
 * exactly as SNS delivers it to an SQS subscription without raw delivery.
 */
@ExtendWith(EmulatorExtension.class)
class SmsSenderHandlerIT {
    private static final String SAMPLE = "../../events/sms-sender/shipment-scheduled-notification.json";
    private static final List<String> PROPERTIES =
            List.of("EVENT_STORE_TABLE", "IDEMPOTENCY_TABLE", "SMS_COUNTRY_PREFIXES");

    private static String idempotencyTable;
    private static SQSEvent delivered;

    @BeforeAll
    static void provision() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "sms-events-" + suffix;
        idempotencyTable = "sms-idem-" + suffix;
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "EventStoreTable", events);
        TableProvisioner.create(AwsClients.dynamo(), Template.project(), "IdempotencyTable", idempotencyTable);
        String order = "ORD-1001";
        List<DomainEvent> story = List.of(
                SampleEvents.orderPlaced(order),
                new InventoryReserved(order, SampleEvents.items()),
                new PaymentAuthorized(order, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(order, "PAY-1"),
                new ShipmentScheduled(order, "TRK-ORD-1001", "DHL"));
        new DynamoDbEventStore(AwsClients.dynamo(), events).append(DomainEvent.streamOf(order), 0, announcing(story));

        io.eventflow.aws.TestEnvironment.set("EVENT_STORE_TABLE", events);
        io.eventflow.aws.TestEnvironment.set("IDEMPOTENCY_TABLE", idempotencyTable);
        io.eventflow.aws.TestEnvironment.set("SMS_COUNTRY_PREFIXES", "+1,+44");
        delivered = SnsSubscriptionDelivery.deliver(SAMPLE, "sms-it-" + suffix);
    }

    @AfterAll
    static void clearProperties() {
        io.eventflow.aws.TestEnvironment.reset();
    }

    @Test
    void sendsOneSmsThroughSnsForARealSnsDeliveryEvenWhenDeliveredTwice() {
        SQSBatchResponse first = new SmsSenderHandler().handleRequest(delivered, null);
        SQSBatchResponse second = new SmsSenderHandler().handleRequest(delivered, null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        // moto keeps sent SMS out of its API: the recorded SNS MessageId shows that one was sent.
        Notification n =
                Notification.fromSnsEnvelope(delivered.getRecords().get(0).getBody());
        Map<String, AttributeValue> record = AwsClients.dynamo()
                .getItem(b -> b.tableName(idempotencyTable)
                        .key(Map.of("id", AttributeValue.fromS("sms-sender#" + n.notificationId()))))
                .item();
        assertThat(record.get("status").s()).isEqualTo("COMPLETED");
        assertThat(record.get("result").s()).isNotBlank().doesNotStartWith("skipped");
    }

    /** The story's drafts; the last is the event the sample notification announces (same eventId), so it verifies. */
    private static List<io.eventflow.events.EventEnvelope> announcing(List<DomainEvent> story) {
        String announced = Notification.fromSnsEnvelope(
                        com.amazonaws.services.lambda.runtime.tests.EventLoader.loadSQSEvent(SAMPLE)
                                .getRecords()
                                .get(0)
                                .getBody())
                .eventId();
        List<io.eventflow.events.EventEnvelope> drafts = new java.util.ArrayList<>(
                story.stream().map(SampleEvents::draft).toList());
        DomainEvent last = story.get(story.size() - 1);
        drafts.set(
                drafts.size() - 1,
                io.eventflow.events.EventCodec.draft(
                        last, announced, SampleEvents.T0, "eventflow.test", "corr-" + last.orderId(), null));
        return drafts;
    }
}
