package io.eventflow.projector;

import io.eventflow.log.JsonLog;

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

    private final StreamBatches batches;
    private final ProjectionRebuild rebuild;

    public FailedBatchRepair(StreamBatches batches, ProjectionRebuild rebuild) {
        this.batches = batches;
        this.rebuild = rebuild;
    }

    /** @return the orders whose views were rebuilt, in the batch's order */
    public List<String> repair(FailedStreamBatch batch) {
        Set<String> orderIds = new LinkedHashSet<>();
        for (String streamId : batches.streamIds(batch)) {
            if (streamId.startsWith(OrderProjector.ORDER_STREAM_PREFIX)) {
                orderIds.add(streamId.substring(OrderProjector.ORDER_STREAM_PREFIX.length()));
            }
        }
        for (String orderId : orderIds) {
            rebuild.rebuild(orderId).ifPresent(view -> LOG.info("view rebuilt after a given-up stream batch",
                    "orderId", orderId, "version", view.version(), "shardId", batch.shardId()));
        }
        LOG.info("given-up stream batch repaired", "shardId", batch.shardId(), "orders", orderIds.size());
        return List.copyOf(orderIds);
    }
}
