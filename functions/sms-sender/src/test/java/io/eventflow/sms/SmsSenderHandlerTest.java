package io.eventflow.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.notification.Notification;
import io.eventflow.notification.SmsCountries;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler on events/sms-sender/shipment-scheduled-notification.json with twins for store, idempotency and SNS. */
class SmsSenderHandlerTest {
    private static final String SAMPLE = "../../events/sms-sender/shipment-scheduled-notification.json";
    private static final String ORDER = "ORD-1001";
    private static final String PHONE = "+15550100042";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemorySmsSender sns = new InMemorySmsSender();
    private final SmsSenderHandler handler = new SmsSenderHandler(
            new SmsSenderService(store, new InMemoryIdempotencyStore(), sns),
            new io.eventflow.lambda.InMemoryMessageDelay());
    private final CapturedLog logs = CapturedLog.start();

    @AfterEach
    void restoreLog() {
        logs.close();
    }

    private void seed(String orderId, DomainEvent... events) {
        // The last event is the one the test's notification announces (the senders verify it is in the stream).
        List<io.eventflow.events.EventEnvelope> drafts = new ArrayList<>(
                java.util.Arrays.stream(events).map(SampleEvents::draft).toList());
        DomainEvent last = events[events.length - 1];
        drafts.set(
                drafts.size() - 1,
                io.eventflow.events.EventCodec.draft(
                        last, announcedEventId(orderId), SampleEvents.T0, "eventflow.test", "corr-" + orderId, null));
        store.append(DomainEvent.streamOf(orderId), 0, drafts);
    }

    /** The sample notification's eventId for the sample order, "e-&lt;n&gt;" for ORD-&lt;n&gt;. */
    private static String announcedEventId(String orderId) {
        return orderId.equals(ORDER)
                ? Notification.fromSnsEnvelope(sample().getRecords().get(0).getBody())
                        .eventId()
                : "e-" + orderId.substring("ORD-".length());
    }

    private void seedShippedOrder(OrderPlaced placed) {
        seed(
                ORDER,
                placed,
                new InventoryReserved(ORDER, SampleEvents.items()),
                new PaymentAuthorized(ORDER, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ORDER, "PAY-1"),
                new ShipmentScheduled(ORDER, "TRK-ORD-1001", "DHL"));
    }

    private static SQSEvent sample() {
        return EventLoader.loadSQSEvent(SAMPLE);
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(new ArrayList<>(List.of(messages)));
        return e;
    }

    @Test
    void sampleIsAnSnsEnvelopeCarryingTheNotifiersThinNotification() {
        Notification n =
                Notification.fromSnsEnvelope(sample().getRecords().get(0).getBody());
        assertThat(n.notificationType()).isEqualTo("ShipmentScheduled");
        assertThat(n.orderId()).isEqualTo(ORDER);
        assertThat(n.notificationId()).isEqualTo(Ids.derived("notifier", n.eventId(), "notification"));
        assertThat(sample().getRecords().get(0).getBody()).doesNotContain("@").doesNotContain(PHONE);
    }

    @Test
    void textsTheTrackingIdToThePhoneNumberFromTheOrdersStream() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER));

        SQSBatchResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sns.sent()).singleElement().satisfies(s -> {
            assertThat(s.sms().phoneNumber()).isEqualTo(PHONE);
            assertThat(s.sms().text()).contains(ORDER).contains("TRK-ORD-1001").contains("DHL");
        });
        assertThat(logs.text()).contains("sms handled").doesNotContain(PHONE);
    }

    @Test
    void aNumberOutsideTheConfiguredCountriesIsRecordedAsSkippedAndCountedNotFailedAndNothingIsSent() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER)); // a +1 number, stored before the setting changed
        SmsSenderHandler ukOnly = new SmsSenderHandler(
                new SmsSenderService(store, new InMemoryIdempotencyStore(), sns, SmsCountries.parse("+44")),
                new io.eventflow.lambda.InMemoryMessageDelay());

        SQSBatchResponse response = ukOnly.handleRequest(sample(), null);
        SQSBatchResponse again = ukOnly.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(sns.sent()).isEmpty();
        assertThat(logs.text())
                .contains("undeliverable to this customer; recorded as skipped")
                .contains("\"result\":\"skipped:undeliverable:sms-country-not-allowed\"")
                .doesNotContain("poison message")
                .doesNotContain(PHONE);
        assertThat(logs.text().lines().filter(l -> l.contains("\"SkippedNotifications\":1")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("\"consumer\":\"sms-sender\""));
    }

    @Test
    void theSameNotificationDeliveredTwiceSendsOneSms() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER));
        SQSEvent.SQSMessage redelivered = sample().getRecords().get(0);
        redelivered.setMessageId("another-sqs-message-id");

        handler.handleRequest(sample(), null);
        SQSBatchResponse again = handler.handleRequest(batch(redelivered), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(sns.sent()).hasSize(1);
    }

    @Test
    void aPoisonMessageIsABatchItemFailureAndDoesNotBlockTheOthers() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER));
        SQSEvent.SQSMessage poison = sample().getRecords().get(0);
        poison.setMessageId("poison-1");
        poison.setBody("{\"Type\":\"SubscriptionConfirmation\",\"Message\":\"confirm me\"}");

        SQSBatchResponse response =
                handler.handleRequest(batch(poison, sample().getRecords().get(0)), null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("poison-1");
        assertThat(sns.sent()).hasSize(1);
    }

    @Test
    void anOrderWithoutPhoneNumberIsSkippedWithoutError() {
        seedShippedOrder(new OrderPlaced(ORDER, "CUST-42", "ada@example.com", null, SampleEvents.items(), "EUR", 7499));

        SQSBatchResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sns.sent()).isEmpty();
        assertThat(logs.text()).contains("no phone number").doesNotContain("ada@example.com");
    }

    @Test
    void aFailedSendIsRetriedOnTheNextDeliveryAndThenSentOnce() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER));
        sns.failNext(1);

        SQSBatchResponse first = handler.handleRequest(sample(), null);
        handler.handleRequest(sample(), null);
        handler.handleRequest(sample(), null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(sns.sent()).hasSize(1);
    }

    @Test
    void anSnsOutageOpensTheBreakerAndTheMessageWaitsOnTheQueueWhileARefusedCountryNeverDoes() {
        seedShippedOrder(SampleEvents.orderPlaced(ORDER)); // a +1 number
        var clock = new io.eventflow.resilience.MutableClock(SampleEvents.T0);
        var breaker = new io.eventflow.resilience.ProviderBreaker(
                SmsSenderService.CONSUMER, "sns-sms", java.time.Duration.ofSeconds(60), clock);
        var delay = new io.eventflow.lambda.InMemoryMessageDelay();
        SmsSenderHandler ukOnly = new SmsSenderHandler(
                new SmsSenderService(store, new InMemoryIdempotencyStore(), sns, SmsCountries.parse("+44"), breaker),
                delay);
        SmsSenderHandler guarded = new SmsSenderHandler(
                new SmsSenderService(store, new InMemoryIdempotencyStore(), sns, SmsCountries.parse("+1"), breaker),
                delay);

        for (int i = 0; i < 10; i++) {
            assertThat(ukOnly.handleRequest(sample(), null).getBatchItemFailures())
                    .as("recorded as skipped")
                    .isEmpty();
        }
        assertThat(breaker.open()).as("the customer's number, not the provider").isFalse();
        assertThat(delay.delays()).isEmpty();

        sns.failNext(1_000);
        for (int i = 0; i < 6; i++) {
            assertThat(guarded.handleRequest(sample(), null).getBatchItemFailures())
                    .hasSize(1);
        }
        assertThat(breaker.open()).isTrue();
        assertThat(delay.delays()).containsOnlyKeys(sample().getRecords().get(0).getMessageId());
        assertThat(sns.sent()).isEmpty();

        sns.failNext(0);
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(guarded.handleRequest(sample(), null).getBatchItemFailures()).isEmpty();
        assertThat(sns.sent()).hasSize(1);
    }
}
