package io.eventflow.runtime.trace;

import java.util.List;
import java.util.Set;

/** Test access to OrderTimeline's package-private delivery matching. */
public final class OrderTimelineAccess {
    private OrderTimelineAccess() {}

    public static List<OrderTrace.Delivery> deliveries(List<InvocationLog.Invocation> invocations, String orderId) {
        return OrderTimeline.deliveries(invocations, orderId, Set.of());
    }
}
