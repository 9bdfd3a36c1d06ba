package io.eventflow.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventJson;
import io.eventflow.events.Ids;
import io.eventflow.events.InventoryReserved;
import io.eventflow.events.OrderCancelled;
import io.eventflow.events.OrderConfirmed;
import io.eventflow.events.OrderPlaced;
import io.eventflow.events.PaymentAuthorized;
import io.eventflow.events.ShipmentScheduled;
import io.eventflow.idempotency.InMemoryIdempotencyStore;
import io.eventflow.notification.Notification;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.testing.CapturedLog;
import io.eventflow.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler on events/email-sender/order-confirmed-notification.json with twins for store, idempotency and SES. */
class EmailSenderHandlerTest {
    private static final String SAMPLE = "../../events/email-sender/order-confirmed-notification.json";
    private static final String ORDER = "ORD-1001";
    private static final String EMAIL = "ada@example.com";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryEmailSender ses = new InMemoryEmailSender("orders@eventflow.example");
    private final EmailSenderHandler handler = new EmailSenderHandler(
            new EmailSenderService(store, new InMemoryIdempotencyStore(), ses),
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

    private void seedSampleOrder() {
        seed(
                ORDER,
                SampleEvents.orderPlaced(ORDER),
                new InventoryReserved(ORDER, SampleEvents.items()),
                new PaymentAuthorized(ORDER, "PAY-1", 7499, "EUR"),
                new OrderConfirmed(ORDER, "PAY-1"));
    }

    private static SQSEvent sample() {
        return EventLoader.loadSQSEvent(SAMPLE);
    }

    /** The sample's SNS envelope, with the notification changed. */
    private static SQSEvent.SQSMessage message(String messageId, String orderId, String type, String eventId) {
        SQSEvent.SQSMessage m = sample().getRecords().get(0);
        ObjectNode sns = EventJson.parseObject(m.getBody());
        ObjectNode n = EventJson.parseObject(sns.get("Message").asText());
        n.put("notificationId", Ids.derived("notifier", eventId, "notification"));
        n.put("notificationType", type);
        n.put("orderId", orderId);
        n.put("eventId", eventId);
        sns.put("Message", EventJson.write(n));
        ((ObjectNode) sns.path("MessageAttributes").path("notificationType")).put("Value", type);
        ((ObjectNode) sns.path("MessageAttributes").path("orderId")).put("Value", orderId);
        m.setMessageId(messageId);
        m.setBody(EventJson.write(sns));
        return m;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(new ArrayList<>(List.of(messages)));
        return e;
    }

    private static List<String> failed(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void sampleIsAnSnsEnvelopeCarryingTheNotifiersThinNotification() {
        Notification n =
                Notification.fromSnsEnvelope(sample().getRecords().get(0).getBody());
        assertThat(n.notificationType()).isEqualTo("OrderConfirmed");
        assertThat(n.orderId()).isEqualTo(ORDER);
        assertThat(n.notificationId()).isEqualTo(Ids.derived("notifier", n.eventId(), "notification"));
        assertThat(sample().getRecords().get(0).getBody()).doesNotContain("@").doesNotContain("+1555");
    }

    @Test
    void emailsTheConfirmationToTheAddressFromTheOrdersStream() {
        seedSampleOrder();

        SQSBatchResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).singleElement().satisfies(s -> {
            assertThat(s.email().to()).isEqualTo(EMAIL);
            assertThat(s.from()).isEqualTo("orders@eventflow.example");
            assertThat(s.email().subject()).contains(ORDER).contains("confirmed");
        });
        assertThat(logs.text()).contains("email handled").doesNotContain(EMAIL);
    }

    @Test
    void anEmailSesRejectsIsRecordedAsSkippedAndCountedNotFailed() {
        seedSampleOrder();
        InMemoryEmailSender rejecting = new InMemoryEmailSender("orders@eventflow.example", java.util.Set.of());
        EmailSenderHandler rejected = new EmailSenderHandler(
                new EmailSenderService(store, new InMemoryIdempotencyStore(), rejecting),
                new io.eventflow.lambda.InMemoryMessageDelay());

        SQSBatchResponse response = rejected.handleRequest(sample(), null);
        SQSBatchResponse again = rejected.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(rejecting.sent()).isEmpty();
        assertThat(logs.text())
                .contains("undeliverable to this customer; recorded as skipped")
                .contains("\"result\":\"skipped:undeliverable:MessageRejected\"")
                .doesNotContain(EMAIL);
        assertThat(logs.text().lines().filter(l -> l.contains("\"SkippedNotifications\":1")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("\"consumer\":\"email-sender\"")
                        .contains("\"reason\":\"MessageRejected\""));
    }

    @Test
    void theSameNotificationDeliveredTwiceSendsOneEmail() {
        seedSampleOrder();
        SQSEvent.SQSMessage first = sample().getRecords().get(0);
        SQSEvent.SQSMessage redelivered = sample().getRecords().get(0);
        redelivered.setMessageId("another-sqs-message-id");

        handler.handleRequest(batch(first), null);
        SQSBatchResponse again = handler.handleRequest(batch(redelivered, first), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).hasSize(1);
    }

    @Test
    void aPoisonMessageIsABatchItemFailureAndDoesNotBlockTheOthers() {
        seedSampleOrder();
        SQSEvent.SQSMessage poison = sample().getRecords().get(0);
        poison.setMessageId("poison-1");
        poison.setBody("{\"Type\":\"Notification\",\"Message\":\"{\\\"orderId\\\":\\\"ORD-1001\\\"}\"}");
        SQSEvent.SQSMessage notJson = sample().getRecords().get(0);
        notJson.setMessageId("poison-2");
        notJson.setBody("hello");

        SQSBatchResponse response =
                handler.handleRequest(batch(poison, sample().getRecords().get(0), notJson), null);

        assertThat(failed(response)).containsExactly("poison-1", "poison-2");
        assertThat(ses.sent()).hasSize(1);
    }

    @Test
    void cancellationEmailCarriesTheReasonAndShipmentEmailTheTrackingId() {
        seed("ORD-2", SampleEvents.orderPlaced("ORD-2"), new OrderCancelled("ORD-2", "payment declined"));
        seed(
                "ORD-3",
                SampleEvents.orderPlaced("ORD-3"),
                new OrderConfirmed("ORD-3", "PAY-3"),
                new ShipmentScheduled("ORD-3", "TRK-333", "DHL"));

        SQSBatchResponse response = handler.handleRequest(
                batch(
                        message("m-1", "ORD-2", "OrderCancelled", "e-2"),
                        message("m-2", "ORD-3", "ShipmentScheduled", "e-3")),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).hasSize(2);
        assertThat(ses.sent().get(0).email().body()).contains("cancelled").contains("payment declined");
        assertThat(ses.sent().get(1).email().body()).contains("TRK-333").contains("DHL");
    }

    @Test
    void anOrderWithoutEmailIsSkippedWithoutError() {
        seed(
                "ORD-4",
                new OrderPlaced("ORD-4", "CUST-4", null, null, SampleEvents.items(), "EUR", 7499),
                new OrderConfirmed("ORD-4", "PAY-4"));

        SQSBatchResponse response =
                handler.handleRequest(batch(message("m-4", "ORD-4", "OrderConfirmed", "e-4")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).isEmpty();
        assertThat(logs.text()).contains("no email address");
    }

    @Test
    void aNotificationForAnUnknownOrderFails() {
        SQSBatchResponse response =
                handler.handleRequest(batch(message("m-5", "ORD-404", "OrderConfirmed", "e-5")), null);

        assertThat(failed(response)).containsExactly("m-5");
        assertThat(ses.sent()).isEmpty();
    }

    @Test
    void aFailedSendIsRetriedOnTheNextDeliveryAndThenSentOnce() {
        seedSampleOrder();
        ses.failNext(1);

        SQSBatchResponse first = handler.handleRequest(sample(), null);
        SQSBatchResponse second = handler.handleRequest(sample(), null);
        SQSBatchResponse third = handler.handleRequest(sample(), null);

        assertThat(failed(first)).hasSize(1);
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(third.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).hasSize(1);
    }

    @Test
    void aMismatchedAttributeIsPoison() {
        seedSampleOrder();
        SQSEvent.SQSMessage m = sample().getRecords().get(0);
        ObjectNode sns = EventJson.parseObject(m.getBody());
        ((ObjectNode) sns.path("MessageAttributes").path("notificationType")).put("Value", "OrderCancelled");
        m.setBody(EventJson.write(sns));

        assertThat(failed(handler.handleRequest(batch(m), null))).containsExactly(m.getMessageId());
        assertThat(ses.sent()).isEmpty();
    }

    @Test
    void aNotificationOfNoStoredEventSendsNothing() {
        seedSampleOrder();
        String confirmed = announcedEventId(ORDER);

        SQSBatchResponse response = handler.handleRequest(
                batch(
                        message(
                                "m-type",
                                ORDER,
                                "OrderCancelled",
                                confirmed), // a stored event, announced as another type
                        message("m-none", ORDER, "OrderConfirmed", "e-forged")),
                null); // an event that was never stored

        assertThat(failed(response)).containsExactly("m-type", "m-none");
        assertThat(ses.sent()).isEmpty();
        assertThat(logs.text())
                .contains("\"reason\":\"unverified\"")
                .contains("is OrderConfirmed")
                .contains("which is not in the stream of order ORD-1001");
    }

    /** The handler as Lambda wires it: SES called through a breaker, messages delayed on the queue while it is open. */
    private final io.eventflow.resilience.MutableClock clock =
            new io.eventflow.resilience.MutableClock(SampleEvents.T0);

    private final io.eventflow.resilience.ProviderBreaker breaker = new io.eventflow.resilience.ProviderBreaker(
            EmailSenderService.CONSUMER, "ses", java.time.Duration.ofSeconds(60), clock);
    private final io.eventflow.lambda.InMemoryMessageDelay delay = new io.eventflow.lambda.InMemoryMessageDelay();
    private final EmailSenderHandler guarded =
            new EmailSenderHandler(new EmailSenderService(store, new InMemoryIdempotencyStore(), ses, breaker), delay);

    private SQSEvent confirmations(int orders, int receiveCount) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 1; i <= orders; i++) {
            SQSEvent.SQSMessage m = message("m-" + i, "ORD-" + i, "OrderConfirmed", "e-" + i);
            m.getAttributes().put("ApproximateReceiveCount", Integer.toString(receiveCount));
            messages.add(m);
        }
        return batch(messages.toArray(SQSEvent.SQSMessage[]::new));
    }

    private void seedConfirmedOrders(int orders, String email) {
        for (int i = 1; i <= orders; i++) {
            String id = "ORD-" + i;
            seed(
                    id,
                    new OrderPlaced(id, "CUST-" + i, email, null, SampleEvents.items(), "EUR", 7499),
                    new OrderConfirmed(id, "PAY-" + i));
        }
    }

    @Test
    void anSesOutageOpensTheBreakerAndTheMessagesWaitOnTheQueueThenAreSentOnce() {
        seedConfirmedOrders(8, EMAIL);
        ses.failNext(1_000);

        SQSBatchResponse during = guarded.handleRequest(confirmations(8, 1), null);

        assertThat(failed(during)).hasSize(8);
        assertThat(ses.sent()).isEmpty();
        // three sends failed and opened the breaker; the last of them and the five after it wait 60 s, untouched
        assertThat(delay.delays()).containsOnlyKeys("m-3", "m-4", "m-5", "m-6", "m-7", "m-8");
        assertThat(logs.text()).contains("\"CircuitOpen\":1");

        ses.failNext(0);
        clock.advance(java.time.Duration.ofSeconds(61));
        SQSBatchResponse after = guarded.handleRequest(confirmations(8, 2), null);

        assertThat(after.getBatchItemFailures()).isEmpty();
        assertThat(ses.sent()).hasSize(8);
    }

    @Test
    void emailsSesRejectsForGoodNeverOpenTheBreaker() {
        seedConfirmedOrders(12, EMAIL);
        InMemoryEmailSender unverified = new InMemoryEmailSender("orders@eventflow.example", java.util.Set.of());
        EmailSenderHandler rejecting = new EmailSenderHandler(
                new EmailSenderService(store, new InMemoryIdempotencyStore(), unverified, breaker), delay);

        SQSBatchResponse response = rejecting.handleRequest(confirmations(12, 1), null);

        assertThat(failed(response)).isEmpty(); // each recorded as skipped: the customer's address, not the provider
        assertThat(delay.delays()).isEmpty();
        assertThat(breaker.open()).isFalse();
        assertThat(logs.text()).doesNotContain("CircuitOpen");
    }
}
