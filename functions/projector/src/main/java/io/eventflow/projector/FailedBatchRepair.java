package io.eventflow.projector;

import io.eventflow.log.JsonLog;
import io.eventflow.store.EventStore.Position;
import io.eventflow.streams.StreamFailureRecord;
import io.eventflow.streams.StreamRange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the views a given-up stream batch left behind. The projector gives a batch up (to
 * ProjectorFailureQueue) when it failed for MaximumRecordAgeInSeconds; its views stay behind until another event
 * of the order arrives, which may be never. This reads which order streams the batch held and rebuilds their
 * views from the event store ({@link ProjectionRebuild}): repeatable, a newer view is never replaced.
 */
public final class FailedBatchRepair {
    static final String CONSUMER = "projector-repair";
    private static final JsonLog LOG = JsonLog.of(CONSUMER);

    private final StreamRange stream;
    private final ProjectionRebuild rebuild;

    public FailedBatchRepair(StreamRange stream, ProjectionRebuild rebuild) {
        this.stream = stream;
        this.rebuild = rebuild;
    }

    /**
     * @return the orders whose views were rebuilt, in the batch's order
     * @throws io.eventflow.streams.StreamRangeUnavailableException when the stream no longer has the batch's records:
     *                                                             nothing to repair from, the record is dead-lettered
     */
    public List<String> repair(StreamFailureRecord batch) {
        Set<String> orderIds = new LinkedHashSet<>();
        for (Position p : stream.positions(batch)) {
            String streamId = p.streamId();
            if (streamId.startsWith(OrderProjector.ORDER_STREAM_PREFIX)) {
                orderIds.add(streamId.substring(OrderProjector.ORDER_STREAM_PREFIX.length()));
            }
        }
        for (String orderId : orderIds) {
            rebuild.rebuild(orderId)
                    .ifPresent(view -> LOG.info(
                            "view rebuilt after a given-up stream batch",
                            "orderId",
                            orderId,
                            "version",
                            view.version(),
                            "shardId",
                            batch.shardId()));
        }
        LOG.info("given-up stream batch repaired", "shardId", batch.shardId(), "orders", orderIds.size());
        return List.copyOf(orderIds);
    }
}
