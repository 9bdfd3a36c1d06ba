package io.eventflow.chaos;

import io.eventflow.events.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The chaos run's invariants over a {@link RunState}; each result names what broke (a few examples). */
public final class Invariants {
    private static final int EXAMPLES = 10;
    static final Set<String> TERMINAL = Set.of("SHIPPED", "CANCELLED");
    static final Set<String> NOTIFIED = Set.of("OrderConfirmed", "OrderCancelled", "ShipmentScheduled");
    static final Set<String> ONCE_PER_ORDER =
            Set.of("InventoryReserved", "PaymentAuthorized", "ShipmentScheduled", "OrderConfirmed", "OrderCancelled");
    /** Who must handle each event type (the rules of template.yaml); notifications are added below. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            "OrderPlaced", List.of("inventory"),
            "InventoryReleased", List.of("inventory"),
            "InventoryReserved", List.of("payment"),
            "PaymentAuthorized", List.of("order-saga"),
            "PaymentDeclined", List.of("order-saga"),
            "InventoryRejected", List.of("order-saga"),
            "ShipmentScheduled", List.of("notifier"),
            "OrderConfirmed", List.of("shipping", "notifier"),
            "OrderCancelled", List.of("notifier"));

    public record Result(String name, boolean passed, String summary, List<String> failures) {}

    private Invariants() {}

    public static List<Result> check(RunState s) {
        return List.of(terminal(s), noLoss(s), noDoubleEffect(s), stock(s), dlqs(s), readModel(s));
    }

    static Result terminal(RunState s) {
        List<String> bad = new ArrayList<>();
        int shipped = 0;
        int cancelled = 0;
        for (RunState.PlacedOrder o : s.orders()) {
            if (o.orderId() == null) {
                bad.add("order #" + o.number() + " was never accepted by POST /orders");
                continue;
            }
            String status = s.statuses().get(o.orderId());
            if (status == null || !TERMINAL.contains(status)) {
                bad.add(o.orderId() + " (#" + o.number() + ") is " + status);
            } else if (!status.equals(o.expected())) {
                bad.add(o.orderId() + " (#" + o.number() + ") is " + status + ", expected " + o.expected());
            }
            shipped += "SHIPPED".equals(status) ? 1 : 0;
            cancelled += "CANCELLED".equals(status) ? 1 : 0;
        }
        return result(
                "every order reached its terminal state",
                bad,
                s.orders().size() + " orders: " + shipped + " shipped, " + cancelled + " cancelled");
    }

    /** Every stored event handled by every consumer that must handle it (its idempotency record completed). */
    static Result noLoss(RunState s) {
        List<String> lost = new ArrayList<>();
        int required = 0;
        for (List<RunState.StoredEvent> events : s.streams().values()) {
            for (RunState.StoredEvent e : events) {
                for (String key : requiredHandlings(e)) {
                    required++;
                    if (!s.handled().contains(key)) {
                        lost.add(key + " (" + e.eventType() + " #" + e.sequence() + ")");
                    }
                }
            }
        }
        return result("lost = 0", lost, "lost " + lost.size() + " of " + required + " required handlings");
    }

    static List<String> requiredHandlings(RunState.StoredEvent e) {
        List<String> keys = new ArrayList<>();
        for (String consumer : CONSUMERS.getOrDefault(e.eventType(), List.of())) {
            if (consumer.equals("notifier") && e.replayed()) {
                continue;
            }
            keys.add(consumer + "#" + e.eventId());
        }
        if (NOTIFIED.contains(e.eventType()) && !e.replayed()) {
            String notificationId = Ids.derived("notifier", e.eventId(), "notification");
            keys.add("email-sender#" + notificationId);
            if (e.eventType().equals("ShipmentScheduled")) {
                keys.add("sms-sender#" + notificationId);
            }
        }
        return keys;
    }

    static Result noDoubleEffect(RunState s) {
        List<String> bad = new ArrayList<>();
        long emails = 0;
        long sms = 0;
        Map<String, RunState.PlacedOrder> byId = byId(s);
        for (Map.Entry<String, List<RunState.StoredEvent>> stream : s.streams().entrySet()) {
            Map<String, Integer> counts = new TreeMap<>();
            stream.getValue().forEach(e -> counts.merge(e.eventType(), 1, Integer::sum));
            counts.forEach((type, n) -> {
                if (n > 1 && ONCE_PER_ORDER.contains(type)) {
                    bad.add(stream.getKey() + " has " + n + " x " + type);
                }
            });
            RunState.PlacedOrder o = byId.get(stream.getKey());
            for (RunState.StoredEvent e : stream.getValue()) {
                if (NOTIFIED.contains(e.eventType()) && !e.replayed() && o != null && o.email()) {
                    emails++;
                }
                if (e.eventType().equals("ShipmentScheduled") && !e.replayed() && o != null && o.phone()) {
                    sms++;
                }
            }
        }
        s.ordersInStore().forEach((n, ids) -> {
            if (ids.size() > 1) {
                bad.add("order #" + n + " was placed " + ids.size()
                        + " times (one POST, retried with its Idempotency-Key): " + ids);
            }
        });
        if (s.emailsSent() != emails) {
            bad.add("emails sent " + s.emailsSent() + ", expected " + emails);
        }
        if (s.smsSent() != sms) {
            bad.add("SMS sent " + s.smsSent() + ", expected " + sms);
        }
        return result(
                "no double effect",
                bad,
                "emails " + s.emailsSent() + "/" + emails + ", SMS " + s.smsSent() + "/" + sms);
    }

    /** available = initial - what shipped orders took, never negative; only shipped orders hold a reservation. */
    static Result stock(RunState s) {
        List<String> bad = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>(s.initialStock());
        for (RunState.PlacedOrder o : s.orders()) {
            if (o.orderId() == null) {
                continue;
            }
            String status = s.statuses().get(o.orderId());
            boolean holds = "SHIPPED".equals(status) || "CONFIRMED".equals(status);
            if (holds) {
                o.items().forEach((sku, q) -> expected.merge(sku, (long) -q, Long::sum));
            }
            String marker = s.reservations().get(o.orderId());
            if (holds != "HELD".equals(marker)) {
                bad.add(o.orderId() + " is " + status + " with reservation " + marker);
            }
        }
        expected.forEach((sku, want) -> {
            Long have = s.stock().get(sku);
            if (have == null || have < 0 || have.longValue() != want) {
                bad.add(sku + " available " + have + ", expected " + want);
            }
        });
        return result("stock never negative and = initial - shipped", bad, expected.size() + " SKUs");
    }

    static Result dlqs(RunState s) {
        List<String> bad = new ArrayList<>();
        Map<String, List<String>> all = new TreeMap<>(s.dlqBodies());
        s.poisonSent().keySet().forEach(k -> all.putIfAbsent(k, List.of()));
        long poison = s.poisonSent().values().stream().mapToLong(List::size).sum();
        long held = 0;
        for (Map.Entry<String, List<String>> q : all.entrySet()) {
            List<String> have = new ArrayList<>(q.getValue());
            List<String> want = new ArrayList<>(s.poisonSent().getOrDefault(q.getKey(), List.of()));
            held += have.size();
            have.sort(null);
            want.sort(null);
            if (!have.equals(want)) {
                List<String> extra = new ArrayList<>(have);
                want.forEach(extra::remove);
                List<String> missing = new ArrayList<>(want);
                have.forEach(missing::remove);
                bad.add(q.getKey() + ": " + have.size() + " message(s), expected " + want.size()
                        + (extra.isEmpty() ? "" : "; unexpected " + abbreviate(extra))
                        + (missing.isEmpty() ? "" : "; missing " + abbreviate(missing)));
            }
        }
        return result("DLQs hold exactly the poison messages", bad, held + " in DLQs, " + poison + " poison sent");
    }

    static Result readModel(RunState s) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Object> e : s.rebuiltViews().entrySet()) {
            Object stored = s.storedViews().get(e.getKey());
            if (!e.getValue().equals(stored)) {
                bad.add(e.getKey() + ": stored " + stored + " != rebuilt " + e.getValue());
            }
        }
        for (String id : s.storedViews().keySet()) {
            if (!s.rebuiltViews().containsKey(id)) {
                bad.add(id + ": a view without events in the store");
            }
        }
        return result(
                "read model = rebuilt from the store", bad, s.rebuiltViews().size() + " views compared");
    }

    private static Map<String, RunState.PlacedOrder> byId(RunState s) {
        Map<String, RunState.PlacedOrder> m = new HashMap<>();
        s.orders().forEach(o -> {
            if (o.orderId() != null) {
                m.put(o.orderId(), o);
            }
        });
        return m;
    }

    private static String abbreviate(List<String> bodies) {
        List<String> shown = bodies.stream()
                .limit(3)
                .map(b -> b.length() > 120 ? b.substring(0, 120) + "..." : b)
                .toList();
        return shown + (bodies.size() > 3 ? " (+" + (bodies.size() - 3) + ")" : "");
    }

    static Result result(String name, List<String> failures, String summary) {
        return new Result(name, failures.isEmpty(), summary, withCount(failures));
    }

    private static List<String> withCount(List<String> failures) {
        List<String> shown = new ArrayList<>(failures.subList(0, Math.min(EXAMPLES, failures.size())));
        if (failures.size() > EXAMPLES) {
            shown.add("... and " + (failures.size() - EXAMPLES) + " more");
        }
        return shown;
    }
}
