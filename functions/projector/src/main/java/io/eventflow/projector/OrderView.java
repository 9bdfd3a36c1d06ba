package io.eventflow.projector;

import io.eventflow.events.DomainEvent;
import io.eventflow.events.EventEnvelope;
import io.eventflow.events.LineItem;
import io.eventflow.order.Order;
import io.eventflow.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of OrderViewTable: the {@link Order} state folded from the stream plus the timeline.
 *
 * @param version   the stream sequence of the last applied event; the view applies event n only at n-1
 * @param updatedAt the timestamp of the last applied event (not the wall clock), so a rebuild from the
 *                  store gives exactly the item the incremental projection wrote
 */
public record OrderView(
        String orderId,
        OrderStatus status,
        long version,
        String customerId,
        List<LineItem> items,
        String currency,
        long totalCents,
        String paymentId,
        String trackingId,
        String cancelReason,
        List<TimelineEntry> timeline,
        Instant updatedAt) {

    public OrderView {
        items = List.copyOf(items);
        timeline = List.copyOf(timeline);
    }

    /** The view before the first event of the stream. */
    public static OrderView empty(String orderId) {
        return from(Order.initial(orderId), List.of(), null);
    }

    /**
     * The view after {@code event}, which must be the next one of the stream ({@code envelope.sequence()
     * == version + 1}); callers check ordering first.
     */
    public OrderView apply(EventEnvelope envelope, DomainEvent event) {
        if (envelope.sequence() != version + 1) {
            throw new IllegalArgumentException(
                    "event " + envelope.sequence() + " cannot follow view version " + version);
        }
        List<TimelineEntry> next = new ArrayList<>(timeline);
        next.add(new TimelineEntry(envelope.sequence(), envelope.eventType(), envelope.timestamp()));
        return from(toOrder().evolve(event), next, envelope.timestamp());
    }

    /**
     * The order state this view was folded from. The stock flags are not kept in the view: no view field
     * depends on them in {@link Order#evolve}, so starting them at false changes nothing we store.
     */
    Order toOrder() {
        return new Order(
                orderId,
                status,
                version,
                customerId,
                items,
                currency,
                totalCents,
                false,
                false,
                paymentId,
                trackingId,
                cancelReason);
    }

    private static OrderView from(Order o, List<TimelineEntry> timeline, Instant updatedAt) {
        return new OrderView(
                o.orderId(),
                o.status(),
                o.version(),
                o.customerId(),
                o.items(),
                o.currency(),
                o.totalCents(),
                o.paymentId(),
                o.trackingId(),
                o.cancelReason(),
                timeline,
                updatedAt);
    }
}
