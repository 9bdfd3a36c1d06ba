package io.eventflow.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.eventflow.events.EventEnvelope;
import io.eventflow.store.InMemoryEventStore;
import io.eventflow.streams.InMemoryStreamRange;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ProjectorRepairFunction on the sample failure record (events/projector/failed-batch.json). */
class ProjectorRepairHandlerTest {
    private static final String TABLE = "eventflow-events-dev";
    private static final String SHARD = "shardId-00000001795860000000-5e1f3a2b";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryOrderViewRepository views = new InMemoryOrderViewRepository();
    private final InMemoryStreamRange stream = new InMemoryStreamRange();
    private final ProjectorRepairHandler handler = new ProjectorRepairHandler(
            new FailedBatchRepair(stream, new ProjectionRebuild(store, views)), TABLE, Clock.systemUTC());

    private static SQSEvent sample() {
        return EventLoader.loadSQSEvent("../../events/projector/failed-batch.json");
    }

    @Test
    void theSampleBatchsOrdersAreRebuilt() {
        List<EventEnvelope> a = Views.stored("ORD-1001", Views.happyPath("ORD-1001"));
        a.forEach(e -> store.append(e.streamId(), e.sequence() - 1, List.of(e)));
        for (int i = 0; i < 4; i++) { // the sample's range: ...101 to ...104, each event with its guard
            BigInteger at = new BigInteger("100000000000000000000101").add(BigInteger.valueOf(i));
            EventEnvelope e = a.get(1 + i / 2);
            if (i % 2 == 0) {
                stream.event(SHARD, at, e.streamId(), e.sequence());
            } else {
                stream.guard(SHARD, at);
            }
        }

        SQSBatchResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(views.find("ORD-1001")).contains(Views.fold("ORD-1001", a, 5));
    }

    @Test
    void aRecordOfAnotherTablesStreamOrNoRecordAtAllGoesToTheDlq() {
        ProjectorRepairHandler other = new ProjectorRepairHandler(
                new FailedBatchRepair(stream, new ProjectionRebuild(store, views)),
                "someone-elses-table",
                Clock.systemUTC());
        assertThat(other.handleRequest(sample(), null).getBatchItemFailures()).hasSize(1);

        SQSEvent garbage = sample();
        garbage.getRecords().get(0).setBody("{\"DDBStreamBatchInfo\":{\"shardId\":\"x\"}}");
        assertThat(handler.handleRequest(garbage, null).getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("9a2e4c6b-1d3f-4e5a-8b7c-0d1e2f3a4b01");
        assertThat(views.find("ORD-1001")).isEmpty();
    }
}
