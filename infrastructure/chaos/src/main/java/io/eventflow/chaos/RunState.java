package io.eventflow.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the invariants look at, read from the emulator after the run (directly, not through the proxy).
 *
 * @param orders          what the driver placed
 * @param streams         orderId -> its events in the store, in sequence order
 * @param statuses        orderId -> the status folded from the store (Order.evolve)
 * @param handled         completed idempotency records, "consumer#key"
 * @param initialStock    SKU -> what the run seeded
 * @param stock           SKU -> available now
 * @param reservations    orderId -> reservation marker state (HELD / RELEASED)
 * @param emailsSent      SendEmail calls the provider accepted
 * @param smsSent         SMS Publish calls the provider accepted
 * @param dlqBodies       every DLQ (also the failure queues) -> message bodies in it
 * @param poisonSent      DLQ -> the poison bodies sent to the queue it backs
 * @param storedViews     orderId -> the read model item (as the projector wrote it)
 * @param rebuiltViews    orderId -> the view folded from the store
 * @param ordersInStore   order number -> every orderId whose OrderPlaced carries that order's correlation id
 *                        (more than one: a retried POST created a second order)
 */
public record RunState(
        List<PlacedOrder> orders,
        Map<String, List<StoredEvent>> streams,
        Map<String, String> statuses,
        Set<String> handled,
        Map<String, Long> initialStock,
        Map<String, Long> stock,
        Map<String, String> reservations,
        long emailsSent,
        long smsSent,
        Map<String, List<String>> dlqBodies,
        Map<String, List<String>> poisonSent,
        Map<String, Object> storedViews,
        Map<String, Object> rebuiltViews,
        Map<Integer, List<String>> ordersInStore) {

    /** Expected: SHIPPED (enough stock, payment ok) or CANCELLED (no stock, or declined). */
    public record PlacedOrder(
            int number, String orderId, String expected, Map<String, Integer> items, boolean email, boolean phone) {}

    public record StoredEvent(String eventId, String eventType, long sequence, boolean replayed) {}
}
