package io.eventflow.events;

import java.util.Map;
import java.util.Set;

/** The catalogue of event types: name, Java record, and the current schema version. */
public final class EventTypes {

    public record Type(String name, Class<? extends DomainEvent> javaType, int currentVersion) {}

    private static final Map<String, Type> BY_NAME = Map.ofEntries(
            entry(OrderPlaced.class, 2),
            entry(InventoryReserved.class, 1),
            entry(InventoryRejected.class, 1),
            entry(InventoryReleased.class, 1),
            entry(PaymentAuthorized.class, 1),
            entry(PaymentDeclined.class, 1),
            entry(OrderConfirmed.class, 1),
            entry(OrderCancelled.class, 1),
            entry(ShipmentScheduled.class, 1));

    private EventTypes() {}

    private static Map.Entry<String, Type> entry(Class<? extends DomainEvent> type, int version) {
        return Map.entry(type.getSimpleName(), new Type(type.getSimpleName(), type, version));
    }

    public static Type of(String name) {
        Type type = BY_NAME.get(name);
        if (type == null) {
            throw new UnknownEventTypeException("unknown eventType '" + name + "'; known: "
                    + BY_NAME.keySet().stream().sorted().toList());
        }
        return type;
    }

    public static Type of(DomainEvent event) {
        return of(event.getClass().getSimpleName());
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
