package io.eventflow.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventflow.events.DomainEvent;
import io.eventflow.projector.DynamoDbOrderViewRepository;
import io.eventflow.runtime.invoke.FunctionContainer;
import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.ops.RebuildProjection;
import io.eventflow.store.DynamoDbEventStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * After the run settles: replay the whole run (every event type, from before the first order to now) through
 * ReplayFunction to the bus — every rule, every consumer, with the proxy's faults still on — wait until the
 * system is quiet again, and check that nothing changed: no event appended, no idempotency record added, stock
 * and reservations as they were, no email or SMS sent, nothing new in a DLQ, and a rebuild of the read model
 * from the store alone changes no view: an operator's "replay a whole day" at chaos scale.
 */
final class ReplayPhase {
    static final String NAME = "replay of the whole run changes nothing";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int INVOCATION_ATTEMPTS = 3;

    /** What consumers can change, read straight from the emulator. */
    record Effects(
            long storeItems,
            TreeSet<String> handled,
            Map<String, String> inventory,
            Map<String, String> views,
            Map<String, Integer> dlqDepths,
            long emails,
            long sms) {}

    interface Quiescence {
        boolean await(long deadline) throws InterruptedException;
    }

    private final DynamoDbClient dynamo;
    private final Collector.Tables tables;
    private final Supplier<Map<String, Integer>> dlqDepths;
    private final Supplier<Map<String, Long>> counters;
    private final PrintStream progress;

    /** @param dlqDepths DLQ name -> messages in it (visible, in flight, delayed): the runtime's own depths */
    ReplayPhase(
            DynamoDbClient dynamo,
            Collector.Tables tables,
            Supplier<Map<String, Integer>> dlqDepths,
            Supplier<Map<String, Long>> counters,
            PrintStream progress) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.dlqDepths = dlqDepths;
        this.counters = counters;
        this.progress = progress;
    }

    /** What the replay did, as the chaos report shows it. */
    record Report(
            long matched,
            long sent,
            long failed,
            long consumerInvocations,
            long storeItems,
            int handledRecords,
            long rebuiltViews,
            long rebuildChanged,
            boolean quiescent,
            long retriedInvocations,
            long elapsedMs) {}

    record Outcome(Invariants.Result result, Report report) {}

    /** ReplayFunction's answers, summed over its resumptions. */
    private record Sent(long matched, long sent, long failed, long retried, List<String> failures) {}

    /** @param invocations the runtime's count of function invocations: the replay must have reached consumers */
    Outcome run(
            FunctionContainer replayFunction,
            Instant from,
            int orders,
            Quiescence quiescence,
            long deadline,
            LongSupplier invocations)
            throws Exception {
        long start = System.currentTimeMillis();
        Effects before = effects();
        long invokedBefore = invocations.getAsLong();
        List<String> types = Arrays.stream(DomainEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .toList();
        Sent replayed = replayAll(replayFunction, types, from, Instant.now().plusSeconds(1));
        progress.println("chaos: replayed " + replayed.sent() + " of " + replayed.matched() + " stored events in "
                + (System.currentTimeMillis() - start) + " ms; waiting for quiescence");
        boolean quiet = quiescence.await(deadline);
        long consumerInvocations = invocations.getAsLong() - invokedBefore;
        Effects after = effects();
        Map<String, Object> rebuild = RebuildProjection.run(
                new DynamoDbEventStore(dynamo, tables.eventStore()),
                new DynamoDbOrderViewRepository(dynamo, tables.orderView()));
        progress.println("chaos: after the replay " + (quiet ? "quiescent" : "NOT quiescent (timeout)") + "; rebuild "
                + rebuild);
        long changed = ((Number) rebuild.get("changed")).longValue();
        long rebuilt = ((Number) rebuild.get("orders")).longValue();
        List<String> failures = new ArrayList<>(replayed.failures());
        if (!quiet) {
            failures.add("not quiescent after the replay (timeout)");
        }
        if (replayed.sent() > 0 && consumerInvocations == 0) {
            failures.add("the replayed events reached no consumer");
        }
        if (replayed.failed() > 0 || replayed.sent() != replayed.matched()) {
            failures.add("replay sent " + replayed.sent() + " of " + replayed.matched() + " (" + replayed.failed()
                    + " failed)");
        }
        compare(failures, before, after);
        if (changed != 0) {
            failures.add("rebuild-projection changed " + changed + " of " + rebuilt + " views");
        }
        if (rebuilt < orders) {
            failures.add("rebuild-projection found " + rebuilt + " orders, " + orders + " were placed");
        }
        String summary =
                "replayed " + replayed.sent() + " events (" + types.size() + " types); store, idempotency records, "
                        + "stock, emails, SMS, DLQs unchanged: " + (failures.isEmpty() ? "yes" : "no")
                        + "; rebuild changed " + changed
                        + " of " + rebuilt + " views";
        Report report = new Report(
                replayed.matched(),
                replayed.sent(),
                replayed.failed(),
                consumerInvocations,
                after.storeItems(),
                after.handled().size(),
                rebuilt,
                changed,
                quiet,
                replayed.retried(),
                System.currentTimeMillis() - start);
        return new Outcome(Invariants.result(NAME, failures, summary), report);
    }

    /**
     * Every stored event of {@code types} in [from, to) to the bus, following ReplayFunction's resumeFrom. An
     * invocation that failed (on a slow machine: an SDK call that timed out inside it) is resumed from the same
     * point, at most {@link #INVOCATION_ATTEMPTS} times: what it sent before failing is sent again, which consumers
     * must answer idempotently (the invariant checks that too).
     */
    private Sent replayAll(FunctionContainer replayFunction, List<String> types, Instant from, Instant to)
            throws Exception {
        List<String> failures = new ArrayList<>();
        long matched = 0;
        long sent = 0;
        long failed = 0;
        long retried = 0;
        int attempt = 1;
        String resumeFrom = from.toString();
        while (resumeFrom != null) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("eventTypes", types);
            request.put("from", resumeFrom);
            request.put("to", to.toString());
            request.put("target", "bus");
            request.put("ratePerSecond", 500);
            request.put("maxEvents", 1_000_000);
            InvocationResult r = replayFunction.invoke(JSON.writeValueAsString(request));
            if (!(r instanceof InvocationResult.Success s)) {
                String error = ((InvocationResult.Failure) r).errorMessage();
                if (attempt++ < INVOCATION_ATTEMPTS) {
                    retried++;
                    progress.println("chaos: ReplayFunction failed (" + error + "); resuming from " + resumeFrom);
                    continue;
                }
                failures.add(
                        "ReplayFunction failed " + INVOCATION_ATTEMPTS + " times from " + resumeFrom + ": " + error);
                break;
            }
            attempt = 1;
            Map<String, Object> answer = JSON.readValue(s.payload(), new TypeReference<>() {});
            matched += ((Number) answer.get("matched")).longValue();
            sent += ((Number) answer.get("sent")).longValue();
            failed += ((Number) answer.get("failed")).longValue();
            if (Boolean.TRUE.equals(answer.get("capped"))) {
                failures.add("replay capped at maxEvents");
            }
            resumeFrom = (String) answer.get("resumeFrom");
        }
        return new Sent(matched, sent, failed, retried, failures);
    }

    static void compare(List<String> failures, Effects before, Effects after) {
        if (before.storeItems() != after.storeItems()) {
            failures.add(
                    "event store items " + before.storeItems() + " -> " + after.storeItems() + " (a replay appended)");
        }
        if (!before.handled().equals(after.handled())) {
            TreeSet<String> added = new TreeSet<>(after.handled());
            added.removeAll(before.handled());
            failures.add((after.handled().size() - before.handled().size()) + " idempotency records changed, e.g. "
                    + added.stream().limit(3).toList());
        }
        diff(failures, "inventory", before.inventory(), after.inventory());
        diff(failures, "order view", before.views(), after.views());
        if (!before.dlqDepths().equals(after.dlqDepths())) {
            failures.add("DLQ depths " + before.dlqDepths() + " -> " + after.dlqDepths());
        }
        if (before.emails() != after.emails() || before.sms() != after.sms()) {
            failures.add("notifications sent during the replay: emails " + (after.emails() - before.emails()) + ", SMS "
                    + (after.sms() - before.sms()));
        }
    }

    private static void diff(
            List<String> failures, String what, Map<String, String> before, Map<String, String> after) {
        if (before.equals(after)) {
            return;
        }
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.stream()
                .filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
                .limit(3)
                .forEach(k -> failures.add(what + " " + k + ": " + before.get(k) + " -> " + after.get(k)));
    }

    Effects effects() {
        long storeItems = dynamo
                .scanPaginator(
                        b -> b.tableName(tables.eventStore()).select("COUNT").limit(PatientClients.PAGE))
                .stream()
                .mapToLong(p -> p.count())
                .sum();
        TreeSet<String> handled = new TreeSet<>();
        dynamo.scanPaginator(b -> b.tableName(tables.idempotency()).limit(PatientClients.PAGE))
                .items()
                .forEach(i -> handled.add(str(i.get("id")) + "=" + str(i.get("status"))));
        Map<String, String> inventory = new TreeMap<>();
        dynamo.scanPaginator(b ->
                        b.tableName(tables.inventory()).consistentRead(true).limit(PatientClients.PAGE))
                .items()
                .forEach(i -> inventory.put(str(i.get("sku")), new TreeMap<>(i).toString()));
        Map<String, String> views = new TreeMap<>();
        dynamo.scanPaginator(b ->
                        b.tableName(tables.orderView()).consistentRead(true).limit(PatientClients.PAGE))
                .items()
                .forEach(i -> views.put(str(i.get("orderId")), new TreeMap<>(i).toString()));
        Map<String, Integer> dlqs = new TreeMap<>(dlqDepths.get());
        Map<String, Long> c = counters.get();
        return new Effects(storeItems, handled, inventory, views, dlqs, c.get("emailsSent"), c.get("smsSent"));
    }

    private static String str(AttributeValue v) {
        return v == null ? null : v.s();
    }
}
