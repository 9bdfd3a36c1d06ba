package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.EventCodec;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.EventSchemas;
import io.eventflow.lambda.StreamRecords;
import io.eventflow.order.OrderStatus;
import io.eventflow.store.InMemoryEventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler on the sample events of events/projector, with the in-memory view repository. */
class ProjectorHandlerTest {
    private static final String DIR = "../../events/projector/";
    private static final String ORDER_ID = "ORD-7f3a9c2e51b84d0e";

    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    /** The store the sample stream records come from. */
    private final InMemoryEventStore store = storeOf(load("order-lifecycle-batch.json"));

    private final ProjectorHandler handler = new ProjectorHandler(new OrderProjector(views, store), Clock.systemUTC());

    private static InMemoryEventStore storeOf(DynamodbEvent batch) {
        InMemoryEventStore store = new InMemoryEventStore();
        batch.getRecords().stream()
                .map(StreamRecords::envelope)
                .flatMap(Optional::stream)
                .forEach(e -> store.append(e.streamId(), e.sequence() - 1, List.of(e)));
        return store;
    }

    private static DynamodbEvent load(String file) {
        return EventLoader.loadDynamoDbEvent(DIR + file);
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-placed-insert.json", "order-lifecycle-batch.json"})
    void sampleEventsCarryValidEnvelopes(String file) {
        List<EventEnvelope> envelopes = load(file).getRecords().stream()
                .map(StreamRecords::envelope)
                .flatMap(Optional::stream)
                .toList();
        assertThat(envelopes).isNotEmpty();
        for (EventEnvelope e : envelopes) {
            assertThat(EventSchemas.validate(EventCodec.toJson(e)))
                    .as(e.eventType())
                    .isEmpty();
            assertThat(e.streamId()).isEqualTo("Order-" + ORDER_ID);
        }
    }

    @Test
    void orderPlacedInsertCreatesTheView() {
        StreamsEventResponse response = handler.handleRequest(load("order-placed-insert.json"), null);

        assertThat(failures(response)).isEmpty();
        OrderView view = views.find(ORDER_ID).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.customerId()).isEqualTo("CUST-42");
        assertThat(view.totalCents()).isEqualTo(7499);
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.items()).hasSize(2);
        assertThat(view.timeline()).extracting(TimelineEntry::eventType).containsExactly("OrderPlaced");
    }

    @Test
    void aBatchAppliesEveryEventAndSkipsGuardItems() {
        StreamsEventResponse response = handler.handleRequest(load("order-lifecycle-batch.json"), null);

        assertThat(failures(response)).isEmpty();
        OrderView view = views.find(ORDER_ID).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.version()).isEqualTo(4);
        assertThat(view.paymentId()).isEqualTo("PAY-" + ORDER_ID);
        assertThat(view.timeline()).extracting(TimelineEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        handler.handleRequest(load("order-lifecycle-batch.json"), null);
        OrderView first = views.find(ORDER_ID).orElseThrow();

        assertThat(failures(handler.handleRequest(load("order-lifecycle-batch.json"), null)))
                .isEmpty();
        assertThat(views.find(ORDER_ID)).contains(first);
    }

    /** Event 2 was given up by the stream source: event 3 reads it from the store, nothing waits for it. */
    @Test
    void aGapIsFilledFromTheStoreAndTheBatchSucceeds() {
        DynamodbEvent batch = load("order-lifecycle-batch.json");
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(batch.getRecords());
        records.removeIf(r -> sequence(r) == 2);
        batch.setRecords(records);

        assertThat(failures(handler.handleRequest(batch, null))).isEmpty();
        assertThat(views.find(ORDER_ID).orElseThrow().version()).isEqualTo(4);
        assertThat(views.find(ORDER_ID).orElseThrow().timeline())
                .extracting(TimelineEntry::sequence)
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aFailingRecordIsReportedAndTheRestOfTheBatchWaits() {
        DynamodbEvent batch = load("order-lifecycle-batch.json");
        DynamodbEvent.DynamodbStreamRecord first = batch.getRecords().get(0);
        var image = new HashMap<>(first.getDynamodb().getNewImage());
        image.put("data", new AttributeValue().withS("{not json"));
        first.getDynamodb().setNewImage(image);

        assertThat(failures(handler.handleRequest(batch, null)))
                .containsExactly(first.getDynamodb().getSequenceNumber());
        assertThat(views.find(ORDER_ID)).isEmpty();
    }

    /** Counts the writes of the in-memory twin, and fails them while {@code failing}. */
    private static class CountingViews implements OrderViewRepository {
        final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
        final List<Long> saves = new ArrayList<>();
        int reads;
        boolean failing;

        public Optional<OrderView> find(String orderId) {
            reads++;
            return views.find(orderId);
        }

        public boolean save(OrderView view, long expectedVersion) {
            if (failing) {
                throw new io.eventflow.events.RetryableException("view table unavailable");
            }
            saves.add(view.version());
            return views.save(view, expectedVersion);
        }

        public boolean replace(OrderView view) {
            return views.replace(view);
        }
    }

    @Test
    void theEventsOfOneOrderInABatchAreWrittenOnceWithoutARead() {
        CountingViews counting = new CountingViews();
        ProjectorHandler batched = new ProjectorHandler(new OrderProjector(counting, store), Clock.systemUTC());

        assertThat(failures(batched.handleRequest(load("order-lifecycle-batch.json"), null)))
                .isEmpty();
        assertThat(counting.saves).containsExactly(4L);
        assertThat(counting.reads).isZero();
        handler.handleRequest(load("order-lifecycle-batch.json"), null); // the same batch into another table
        assertThat(counting.views.find(ORDER_ID)).isPresent().isEqualTo(views.find(ORDER_ID));
    }

    @Test
    void aFailedViewWriteReportsTheOrdersFirstRecordInTheBatch() {
        CountingViews counting = new CountingViews();
        counting.failing = true;
        ProjectorHandler batched = new ProjectorHandler(new OrderProjector(counting, store), Clock.systemUTC());
        DynamodbEvent batch = load("order-lifecycle-batch.json");
        String firstEvent = batch.getRecords().stream()
                .filter(r -> StreamRecords.envelope(r).isPresent())
                .findFirst()
                .orElseThrow()
                .getDynamodb()
                .getSequenceNumber();

        assertThat(failures(batched.handleRequest(batch, null))).containsExactly(firstEvent);
        assertThat(counting.views.find(ORDER_ID)).isEmpty();
    }

    /** Event 3 cannot be read: events 1 and 2 are written (once), and the batch is retried from event 3. */
    @Test
    void aRecordThatFailsLaterStillWritesWhatCameBefore() {
        CountingViews counting = new CountingViews();
        ProjectorHandler batched = new ProjectorHandler(new OrderProjector(counting, store), Clock.systemUTC());
        DynamodbEvent batch = load("order-lifecycle-batch.json");
        DynamodbEvent.DynamodbStreamRecord third = batch.getRecords().stream()
                .filter(r -> sequence(r) == 3 && StreamRecords.envelope(r).isPresent())
                .findFirst()
                .orElseThrow();
        var image = new HashMap<>(third.getDynamodb().getNewImage());
        image.put("data", new AttributeValue().withS("{not json"));
        third.getDynamodb().setNewImage(image);

        assertThat(failures(batched.handleRequest(batch, null)))
                .containsExactly(third.getDynamodb().getSequenceNumber());
        assertThat(counting.saves).containsExactly(2L);
        assertThat(counting.views.find(ORDER_ID).orElseThrow().version()).isEqualTo(2);
    }

    /**
     * Another container wrote the view up to event 2 between this batch's read and its write: the lost conditional
     * write is folded again on the stored view (events 3 and 4 on top of it) and the batch succeeds.
     */
    @Test
    void aViewWriteLostToAConcurrentWriterIsFoldedAgainOnTheStoredView() {
        CountingViews racing = new CountingViews() {
            private boolean raced;

            @Override
            public boolean save(OrderView view, long expectedVersion) {
                if (!raced) {
                    raced = true;
                    OrderView concurrent = OrderView.empty(ORDER_ID);
                    for (EventEnvelope e :
                            store.readStream("Order-" + ORDER_ID, 1).subList(0, 2)) {
                        concurrent = concurrent.apply(e, EventCodec.decode(e));
                    }
                    this.views.save(concurrent, 0);
                }
                return super.save(view, expectedVersion);
            }
        };
        ProjectorHandler batched = new ProjectorHandler(new OrderProjector(racing, store), Clock.systemUTC());

        assertThat(failures(batched.handleRequest(load("order-lifecycle-batch.json"), null)))
                .isEmpty();
        assertThat(racing.saves).containsExactly(4L, 4L);
        handler.handleRequest(load("order-lifecycle-batch.json"), null); // the same batch, no race, another table
        assertThat(racing.views.find(ORDER_ID)).isPresent().isEqualTo(views.find(ORDER_ID));
    }

    @Test
    void anEmptyBatchSucceeds() {
        assertThat(failures(handler.handleRequest(new DynamodbEvent(), null))).isEmpty();
    }

    private static long sequence(DynamodbEvent.DynamodbStreamRecord r) {
        return StreamRecords.envelope(r)
                .map(EventEnvelope::sequence)
                .orElseGet(() -> Long.parseLong(
                        r.getDynamodb().getNewImage().get("eventSequence").getN()));
    }
}
