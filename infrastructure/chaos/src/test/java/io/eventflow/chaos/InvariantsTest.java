package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvariantsTest {
    private static final List<String> SHIPPED =
            List.of("OrderPlaced", "InventoryReserved", "PaymentAuthorized", "OrderConfirmed", "ShipmentScheduled");
    private static final List<String> DECLINED =
            List.of("OrderPlaced", "InventoryReserved", "PaymentDeclined", "InventoryReleased", "OrderCancelled");

    /** Two orders, one shipped (2 x SKU-A) and one declined (1 x SKU-A), one poison message in the inventory DLQ. */
    static RunState consistent() {
        List<RunState.PlacedOrder> orders = List.of(
                new RunState.PlacedOrder(0, "A", "SHIPPED", Map.of("SKU-A", 2), true, true),
                new RunState.PlacedOrder(1, "B", "CANCELLED", Map.of("SKU-A", 1), true, false));
        Map<String, List<RunState.StoredEvent>> streams = new HashMap<>();
        streams.put("A", events("A", SHIPPED));
        streams.put("B", events("B", DECLINED));
        Set<String> handled = new HashSet<>();
        streams.values().forEach(es -> es.forEach(e -> handled.addAll(Invariants.requiredHandlings(e))));
        return new RunState(
                orders,
                streams,
                Map.of("A", "SHIPPED", "B", "CANCELLED"),
                handled,
                Map.of("SKU-A", 10L),
                Map.of("SKU-A", 8L),
                Map.of("A", "HELD", "B", "RELEASED"),
                /* emails: A confirmed + shipped, B cancelled */ 3, /* sms: A shipped, has a phone */
                1,
                Map.of("inventory-dlq", List.of("poison 1"), "email-dlq", List.of()),
                Map.of("inventory-dlq", List.of("poison 1")),
                Map.of("A", "view A v5", "B", "view B v5"),
                Map.of("A", "view A v5", "B", "view B v5"),
                Map.of(0, List.of("A"), 1, List.of("B")));
    }

    static List<RunState.StoredEvent> events(String order, List<String> types) {
        List<RunState.StoredEvent> list = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            list.add(new RunState.StoredEvent(order + "-e" + (i + 1), types.get(i), i + 1, false));
        }
        return list;
    }

    private static Map<String, Boolean> verdicts(RunState s) {
        Map<String, Boolean> m = new HashMap<>();
        Invariants.check(s).forEach(r -> m.put(r.name(), r.passed()));
        return m;
    }

    private static List<String> failed(RunState s) {
        return Invariants.check(s).stream()
                .filter(r -> !r.passed())
                .map(Invariants.Result::name)
                .toList();
    }

    @Test
    void aConsistentStatePassesEveryInvariant() {
        assertThat(verdicts(consistent()))
                .hasSize(6)
                .allSatisfy((name, ok) -> assertThat(ok).as(name).isTrue());
    }

    @Test
    void anOrderStuckBeforeItsEndFails() {
        RunState s = consistent();
        RunState stuck = new RunState(
                s.orders(),
                s.streams(),
                Map.of("A", "PAID", "B", "CANCELLED"),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(failed(stuck)).contains("every order reached its terminal state");
    }

    @Test
    void anEventNoConsumerHandledIsLost() {
        RunState s = consistent();
        Set<String> handled = new HashSet<>(s.handled());
        handled.remove("payment#A-e2");
        RunState lost = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                handled,
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        Invariants.Result r = Invariants.noLoss(lost);
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).containsExactly("payment#A-e2 (InventoryReserved #2)");
        // ShipmentScheduled goes to the notifier (and on to email and SMS); the saga's rule does not route it
        assertThat(Invariants.requiredHandlings(new RunState.StoredEvent("x", "ShipmentScheduled", 5, false)))
                .contains("notifier#x", "sms-sender#" + Ids.derived("notifier", "x", "notification"))
                .doesNotContain("order-saga#x");
    }

    @Test
    void aSecondPaymentOrEmailIsADoubleEffect() {
        RunState s = consistent();
        Map<String, List<RunState.StoredEvent>> streams = new HashMap<>(s.streams());
        List<RunState.StoredEvent> twice = new ArrayList<>(streams.get("A"));
        twice.add(new RunState.StoredEvent("A-e6", "PaymentAuthorized", 6, false));
        streams.put("A", twice);
        RunState doublePay = new RunState(
                s.orders(),
                streams,
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(Invariants.noDoubleEffect(doublePay).failures()).containsExactly("A has 2 x PaymentAuthorized");
        RunState doubleMail = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                4,
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(Invariants.noDoubleEffect(doubleMail).failures()).containsExactly("emails sent 4, expected 3");
        RunState twoOrders = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                Map.of(0, List.of("A", "A2"), 1, List.of("B")));
        assertThat(Invariants.noDoubleEffect(twoOrders).failures())
                .singleElement()
                .asString()
                .startsWith("order #0 was placed 2 times");
    }

    @Test
    void stockMustEqualInitialMinusShippedAndReservationsMatchOutcomes() {
        RunState s = consistent();
        RunState off = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                Map.of("SKU-A", 7L),
                Map.of("A", "HELD", "B", "HELD"),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(Invariants.stock(off).failures())
                .containsExactlyInAnyOrder("B is CANCELLED with reservation HELD", "SKU-A available 7, expected 8");
    }

    @Test
    void aDlqMustHoldExactlyThePoison() {
        RunState s = consistent();
        RunState extra = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                Map.of("inventory-dlq", List.of("poison 1"), "email-dlq", List.of("a real notification")),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(failed(extra)).containsExactly("DLQs hold exactly the poison messages");
        RunState missing = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                Map.of(),
                s.poisonSent(),
                s.storedViews(),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(Invariants.dlqs(missing).failures())
                .containsExactly("inventory-dlq: 0 message(s), expected 1; missing [poison 1]");
    }

    @Test
    void aViewBehindTheStoreFails() {
        RunState s = consistent();
        RunState behind = new RunState(
                s.orders(),
                s.streams(),
                s.statuses(),
                s.handled(),
                s.initialStock(),
                s.stock(),
                s.reservations(),
                s.emailsSent(),
                s.smsSent(),
                s.dlqBodies(),
                s.poisonSent(),
                Map.of("A", "view A v4", "B", "view B v5"),
                s.rebuiltViews(),
                s.ordersInStore());
        assertThat(failed(behind)).containsExactly("read model = rebuilt from the store");
    }
}
