package io.eventflow.runtime.ops;

import io.eventflow.projector.OrderView;
import io.eventflow.projector.OrderViewRepository;
import io.eventflow.projector.ProjectionRebuild;
import io.eventflow.store.EventPage;
import io.eventflow.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rebuild-projection}: rebuilds every order's view from the event store alone (orders found through
 * the store's OrderPlaced index), and says how many views the rebuild changed: 0 means the live projection
 * already equalled the store's story.
 */
public final class RebuildProjection {
    private RebuildProjection() {}

    public static Map<String, Object> run(EventStore store, OrderViewRepository views) {
        ProjectionRebuild rebuild = new ProjectionRebuild(store, views);
        int orders = 0;
        int changed = 0;
        Optional<String> page = Optional.empty();
        Instant to = Instant.now().plus(Duration.ofDays(1));
        do {
            EventPage placed = store.readByType("OrderPlaced", Instant.EPOCH, to, page, 1000);
            for (var event : placed.events()) {
                String orderId = event.data().path("orderId").asText();
                Optional<OrderView> before = views.find(orderId);
                Optional<OrderView> after = rebuild.rebuild(orderId);
                orders++;
                if (!before.equals(after)) {
                    changed++;
                }
            }
            page = placed.nextPageToken();
        } while (page.isPresent());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("orders", orders);
        report.put("rebuilt", orders);
        report.put("changed", changed);
        return report;
    }
}
